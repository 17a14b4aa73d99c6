import { describe, it, expect } from 'vitest';
import { ITEM_KINDS, MATERIAL_FORMS } from '../../src/domain/catalog.js';
import { departments, items } from '../../src/db/seed/catalog-data.js';

const deptCodes = new Set(departments.map((d) => d.code));
const nonImmediate = items.filter((i) => i.kind !== 'immediate');
/** Promised limit above 60 % of the statutory one (rounded down): the supervision "flag". */
const flagged = nonImmediate.filter((i) => i.promisedDays > Math.floor(i.statutoryDays * 0.6));

describe('seed catalog: departments', () => {
  it('has at least 20 departments with unique 2–5 letter codes', () => {
    expect(departments.length).toBeGreaterThanOrEqual(20);
    expect(deptCodes.size).toBe(departments.length);
    for (const d of departments) {
      expect(d.code).toMatch(/^[A-Z]{2,5}$/);
      expect(d.name.trim()).not.toBe('');
      expect(d.nameEn).toMatch(/^[A-Za-z][A-Za-z ,.'&-]*$/);
    }
    expect(new Set(departments.map((d) => d.name)).size).toBe(departments.length);
  });

  it('includes the core county departments', () => {
    for (const code of ['SCJG', 'GA', 'ZRZY', 'ZJ', 'MZ', 'RS', 'WJ', 'JT', 'SW', 'NY', 'FG', 'HB', 'SL', 'WL', 'JY', 'YB', 'BDC', 'GJJ', 'SF', 'YJ', 'LY', 'XF', 'CL', 'SWJ']) {
      expect(deptCodes.has(code), code).toBe(true);
    }
  });

  it('gives every department at least 2 items', () => {
    for (const d of departments) {
      expect(items.filter((i) => i.department === d.code).length, d.code).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('seed catalog: items', () => {
  it('has at least 120 items with unique codes and names', () => {
    expect(items.length).toBeGreaterThanOrEqual(120);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.name)).size).toBe(items.length);
  });

  it('codes are <DEPT>-<3 digits> of an existing department', () => {
    for (const i of items) {
      expect(deptCodes.has(i.department), i.code).toBe(true);
      expect(i.code, i.name).toMatch(/^[A-Z]{2,5}-\d{3}$/);
      expect(i.code.split('-')[0], i.code).toBe(i.department);
    }
  });

  it('has every kind, with 即办件 at roughly 35–45 % and at least 3 joint items', () => {
    for (const k of ITEM_KINDS) expect(items.some((i) => i.kind === k), k).toBe(true);
    const immediateShare = items.filter((i) => i.kind === 'immediate').length / items.length;
    expect(immediateShare).toBeGreaterThanOrEqual(0.35);
    expect(immediateShare).toBeLessThanOrEqual(0.45);
    expect(items.filter((i) => i.kind === 'joint').length).toBeGreaterThanOrEqual(3);
  });

  it('immediate items have 0/0 limits; others 0 < promised ≤ statutory', () => {
    for (const i of items) {
      expect(Number.isInteger(i.statutoryDays) && Number.isInteger(i.promisedDays), i.code).toBe(true);
      if (i.kind === 'immediate') {
        expect([i.statutoryDays, i.promisedDays], i.code).toEqual([0, 0]);
      } else {
        expect(i.promisedDays, i.code).toBeGreaterThan(0);
        expect(i.promisedDays, i.code).toBeLessThanOrEqual(i.statutoryDays);
      }
    }
  });

  it('keeps a few (3–5) items deliberately above 60 % of the statutory limit', () => {
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    expect(flagged.length).toBeLessThanOrEqual(5);
    expect(flagged.every((i) => i.kind === 'promised')).toBe(true);
  });

  it('joint items have ordered stages with exactly one lead, existing departments, fitting the promised limit', () => {
    for (const i of items) {
      if (i.kind !== 'joint') {
        expect(i.stages, i.code).toEqual([]);
        continue;
      }
      expect(i.stages.length, i.code).toBeGreaterThan(0);
      for (const s of i.stages) {
        expect(s.name.trim(), i.code).not.toBe('');
        expect(s.limitDays, `${i.code} ${s.name}`).toBeGreaterThan(0);
        expect(s.departments.length, `${i.code} ${s.name}`).toBeGreaterThanOrEqual(1);
        expect(s.departments.length, `${i.code} ${s.name}`).toBeLessThanOrEqual(4);
        expect(s.departments.filter((d) => d.lead).length, `${i.code} ${s.name}`).toBe(1);
        expect(new Set(s.departments.map((d) => d.code)).size, `${i.code} ${s.name}`).toBe(s.departments.length);
        for (const d of s.departments) expect(deptCodes.has(d.code), `${i.code} ${s.name} ${d.code}`).toBe(true);
      }
      const sum = i.stages.reduce((a, s) => a + s.limitDays, 0);
      expect(sum, i.code).toBeLessThanOrEqual(i.promisedDays);
    }
  });

  it('the construction package has the four national reform stages in order', () => {
    const pkg = items.find((i) => i.name === '工程建设项目审批（社会投资一般项目）');
    expect(pkg?.kind).toBe('joint');
    expect(pkg?.stages.map((s) => s.name)).toEqual(['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收']);
    const restaurant = items.find((i) => i.name === '我要开餐馆（营业执照+食品经营许可）');
    expect(restaurant?.kind).toBe('joint');
    expect(restaurant?.stages[0].departments.find((d) => d.lead)?.code).toBe('SCJG');
    expect(items.find((i) => i.name === '房产交易两证联办')?.kind).toBe('joint');
  });

  it('deemed approval only on promised items', () => {
    const deemed = items.filter((i) => i.deemedApproval);
    expect(deemed.length).toBeGreaterThan(0);
    for (const i of deemed) expect(i.kind, i.code).toBe('promised');
  });

  it('materials: 1–8 per item, unique codes, valid form, copies ≥ 1, conditional ones say when', () => {
    for (const i of items) {
      expect(i.materials.length, i.code).toBeGreaterThanOrEqual(1);
      expect(i.materials.length, i.code).toBeLessThanOrEqual(8);
      expect(new Set(i.materials.map((m) => m.code)).size, i.code).toBe(i.materials.length);
      for (const m of i.materials) {
        expect(m.code, i.code).toMatch(/^M\d{2}$/);
        expect(m.name.trim(), i.code).not.toBe('');
        expect(MATERIAL_FORMS as readonly string[], `${i.code} ${m.code}`).toContain(m.form);
        expect(Number.isInteger(m.copies) && m.copies >= 1, `${i.code} ${m.code}`).toBe(true);
        if (!m.required) expect(m.condition?.trim(), `${i.code} ${m.code}`).toBeTruthy();
      }
      expect(i.materials.some((m) => m.required), i.code).toBe(true);
    }
  });

  it('fees, procedure and the other published fields are filled in consistently', () => {
    for (const i of items) {
      expect(Number.isInteger(i.feeCents) && i.feeCents >= 0, i.code).toBe(true);
      if (i.feeCents === 0) {
        expect([i.feeBasis, i.feeStandard], i.code).toEqual(['', '不收费']);
      } else {
        expect(i.feeBasis, i.code).not.toBe('');
        expect(i.feeStandard, i.code).not.toBe('不收费');
      }
      expect(i.procedure.length, i.code).toBeGreaterThanOrEqual(3);
      expect(i.procedure.length, i.code).toBeLessThanOrEqual(6);
      expect(['证照', '批文', '其他'], i.code).toContain(i.resultType);
      for (const f of [i.category, i.legalBasis, i.conditions, i.resultName, i.location, i.phone]) {
        expect(f.trim(), i.code).not.toBe('');
      }
      expect(i.legalBasis, i.code).toMatch(/《.+》/);
      expect(i.phone, i.code).toMatch(/^0\d{2,3}-\d{7,8}$/);
    }
    expect(items.some((i) => i.feeCents > 0)).toBe(true);
  });

  it('contains the items other parts of the platform rely on', () => {
    const names = new Set(items.map((i) => i.name));
    for (const n of ['个体工商户设立登记', '食品经营许可', '建设工程施工许可证核发', '结婚登记', '机动车驾驶证换证', '不动产登记', '社会保障卡申领']) {
      expect(names.has(n), n).toBe(true);
    }
    expect(items.filter((i) => i.name.includes('营业执照')).length).toBeGreaterThanOrEqual(4);
    const food = items.find((i) => i.name === '食品经营许可');
    expect(food?.kind).toBe('promised');
  });
});
