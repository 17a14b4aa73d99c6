import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { publishedMaterial, type ItemContent } from '../../src/domain/catalog.js';
import { checkItemContent } from '../../src/domain/item-rules.js';
import { searchKeys } from '../../src/domain/search-keys.js';

const base: ItemContent = {
  name: '食品经营许可', kind: 'promised', category: '行政许可', legalBasis: '', conditions: '', procedure: [],
  statutoryDays: 20, promisedDays: 10, feeBasis: '', feeStandard: '不收费', feeCents: 0, resultType: '证照', resultName: '',
  location: '', phone: '', onlineAllowed: false, deemedApproval: false, stages: [], materials: [], events: [],
};
const opts = { ratioMax: 0.6, departmentCodes: new Set(['SCJG', 'XF']) };
const fields = (c: ItemContent) => checkItemContent(c, opts).errors.map((e) => e.field);

describe('item publishing rules', () => {
  it('accepts a well-formed promised item', () => {
    expect(checkItemContent(base, opts)).toEqual({ errors: [], warnings: [] });
  });

  it('never lets the promise exceed the law, for any pair of limits', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (statutory, promised) => {
      const r = checkItemContent({ ...base, statutoryDays: statutory, promisedDays: promised }, opts);
      const refused = r.errors.some((e) => e.field === 'promisedDays');
      if (promised > statutory || promised < 1) expect(refused).toBe(true);
      else expect(refused).toBe(false);
      const flagged = r.warnings.some((w) => w.code === 'PROMISED_RATIO_HIGH');
      expect(flagged).toBe(!refused && promised > statutory * 0.6);
    }));
  });

  it('requires an immediate item to promise 0 days', () => {
    expect(fields({ ...base, kind: 'immediate', statutoryDays: 0, promisedDays: 0 })).toEqual([]);
    expect(fields({ ...base, kind: 'immediate', promisedDays: 1 })).toContain('promisedDays');
  });

  it('checks materials, fees and joint stages', () => {
    expect(fields({ ...base, feeCents: 100 })).toEqual(['feeBasis']);
    expect(fields({ ...base, materials: [
      { code: 'M1', name: 'a', form: 'copy', copies: 1, required: true },
      { code: 'M1', name: 'b', form: 'copy', copies: 1, required: false },
    ] })).toEqual(['materials.1.code', 'materials.1.condition']);
    expect(fields({ ...base, stages: [{ name: 's', limitDays: 1, departments: [{ code: 'SCJG', lead: true }] }] })).toEqual(['stages']);
    const joint: ItemContent = { ...base, kind: 'joint', stages: [
      { name: 'a', limitDays: 4, departments: [{ code: 'SCJG', lead: true }, { code: 'XF', lead: false }] },
      { name: 'b', limitDays: 6, departments: [{ code: 'XF', lead: true }] },
    ] };
    expect(fields(joint)).toEqual([]);
    expect(fields({ ...joint, promisedDays: 9 })).toEqual(['stages']);
    expect(fields({ ...joint, stages: [] })).toEqual(['stages']);
  });
});

describe('pinyin search keys', () => {
  it('gives full pinyin and initials', () => {
    expect(searchKeys('个体工商户设立登记')).toEqual({ full: 'getigongshanghushelidengji', initials: 'gtgshsldj' });
    expect(searchKeys('营业执照遗失补领').initials.startsWith('yyzz')).toBe(true);
  });
});

describe('materials never promise what the intake does not do (issue 15 item 11)', () => {
  const m = { code: 'M01', name: '营业执照', form: 'copy' as const, copies: 1, required: true };
  it('an old catalog text promising 免于提交 is left off the published material; other text stays', () => {
    expect(publishedMaterial({ ...m, source: '可通过电子证照库共享调取，免于提交' })).toEqual(m);
    expect(publishedMaterial({ ...m, source: '系统可查询的免提交' })).toEqual(m);
    expect(publishedMaterial({ ...m, source: '申请人自备' })).toEqual({ ...m, source: '申请人自备' });
    expect(publishedMaterial({ ...m, fetchableFrom: 'e_licence' })).toEqual({ ...m, fetchableFrom: 'e_licence' });
  });
});
