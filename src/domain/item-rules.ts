import { promisesExemption, type ItemContent } from './catalog.js';
import type { FieldProblem } from './errors.js';

export interface ItemCheck {
  errors: FieldProblem[];
  warnings: { code: string; message: string }[];
}

/**
 * The publishing rules of an item version. The promised limit may never exceed the statutory one
 * (a promise is a shortening of the law's limit); the reform expects it near 60 % of it (seed 001),
 * so a larger ratio is published but flagged. An immediate item (即办件) is decided on the spot.
 */
export function checkItemContent(c: ItemContent, opts: { ratioMax: number; departmentCodes: ReadonlySet<string> }): ItemCheck {
  const errors: FieldProblem[] = [];
  const warnings: ItemCheck['warnings'] = [];
  const err = (field: string, message: string) => errors.push({ field, message });

  if (c.promisedDays > c.statutoryDays) err('promisedDays', `承诺时限(${c.promisedDays})不得超过法定时限(${c.statutoryDays}) / promised limit exceeds the statutory limit`);
  if (c.kind === 'immediate' && c.promisedDays !== 0) err('promisedDays', '即办件的承诺时限应为0 / an immediate item has a promised limit of 0');
  if (c.kind !== 'immediate' && c.promisedDays < 1) err('promisedDays', '承诺件、联办件的承诺时限至少1个工作日 / promised limit must be at least 1 working day');
  if (c.kind !== 'immediate' && c.promisedDays <= c.statutoryDays && c.statutoryDays > 0 && c.promisedDays > c.statutoryDays * opts.ratioMax) {
    warnings.push({
      code: 'PROMISED_RATIO_HIGH',
      message: `承诺时限为法定时限的${Math.round((c.promisedDays / c.statutoryDays) * 100)}%，超过${Math.round(opts.ratioMax * 100)}% / promised limit above ${Math.round(opts.ratioMax * 100)} % of statutory`,
    });
  }
  if (c.feeCents > 0 && !c.feeBasis.trim()) err('feeBasis', '收费事项须公开收费依据 / a fee needs its legal basis');

  checkMaterials(c, err);
  checkStages(c, opts.departmentCodes, err);
  return { errors, warnings };
}

function checkMaterials(c: ItemContent, err: (field: string, message: string) => void): void {
  const seen = new Set<string>();
  c.materials.forEach((m, i) => {
    if (seen.has(m.code)) err(`materials.${i}.code`, `材料编码重复: ${m.code} / duplicate material code`);
    seen.add(m.code);
    if (!m.required && !m.condition?.trim()) err(`materials.${i}.condition`, '非必需材料须写明提供情形 / a conditional material needs its condition');
    // The intake requires every material on the checklist: nothing is fetched from the e-licence library
    // yet, so a guide may not tell the applicant otherwise (mark it with fetchableFrom instead).
    if (promisesExemption(m.source)) {
      err(`materials.${i}.source`, '系统尚未接入电子证照库，窗口和网上申请仍要求该材料，来源不得写“免于提交”或“电子证照库” / the intake still requires this material; do not promise an exemption');
    }
  });
}

function checkStages(c: ItemContent, departmentCodes: ReadonlySet<string>, err: (field: string, message: string) => void): void {
  if (c.kind !== 'joint') {
    if (c.stages.length > 0) err('stages', '只有联办件设置办理阶段 / only joint items have stages');
    return;
  }
  if (c.stages.length === 0) err('stages', '联办件至少一个阶段 / a joint item needs at least one stage');
  let total = 0;
  c.stages.forEach((s, i) => {
    total += s.limitDays;
    if (s.departments.length === 0) err(`stages.${i}.departments`, '阶段至少一个部门 / a stage needs a department');
    if (s.departments.filter((d) => d.lead).length !== 1) err(`stages.${i}.departments`, '每个阶段须有且仅有一个牵头部门 / exactly one lead department per stage');
    s.departments.forEach((d, j) => {
      if (!departmentCodes.has(d.code)) err(`stages.${i}.departments.${j}.code`, `部门不存在: ${d.code} / unknown department`);
    });
  });
  if (total > c.promisedDays) err('stages', `各阶段时限之和(${total})超过承诺时限(${c.promisedDays}) / stage limits exceed the promised limit`);
}
