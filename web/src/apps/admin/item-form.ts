/**
 * The item editor's form values and their conversion to and from ItemContent (the API body).
 * Differences: the fee is edited in yuan (feeYuan) and sent in fen (feeCents); a joint stage's
 * departments are edited as a list of codes plus one lead.
 */
import type { ItemContent, Material } from '@domain/catalog';
import type { NamePath } from '../../shared/errors';

export interface StageValues {
  name: string;
  limitDays: number;
  departmentCodes: string[];
  lead?: string;
}

/** A material is edited as it is stored. */
export type MaterialValues = Material;

/** ItemContent but for the fee (in yuan here) and the stages; code and department for new items only. */
export interface ItemFormValues extends Omit<ItemContent, 'feeCents' | 'materials' | 'stages'> {
  code?: string;
  department?: string;
  feeYuan: number;
  materials: MaterialValues[];
  stages: StageValues[];
}

export const EMPTY_ITEM: ItemFormValues = {
  code: '',
  department: undefined,
  name: '',
  nameEn: '',
  kind: 'promised',
  category: '行政许可',
  legalBasis: '',
  conditions: '',
  procedure: ['收件', '受理', '审核', '决定', '办结'],
  statutoryDays: 20,
  promisedDays: 10,
  feeBasis: '',
  feeStandard: '不收费',
  feeYuan: 0,
  resultType: '证照',
  resultName: '',
  location: '',
  phone: '',
  onlineAllowed: false,
  deemedApproval: false,
  events: [],
  materials: [],
  stages: [],
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : 0);
const optional = (v: unknown): string | undefined => {
  const s = text(v).trim();
  return s ? s : undefined;
};

export function toFormValues(c: ItemContent): ItemFormValues {
  return {
    name: c.name ?? '',
    nameEn: c.nameEn ?? '',
    kind: c.kind,
    category: c.category ?? '',
    legalBasis: c.legalBasis ?? '',
    conditions: c.conditions ?? '',
    procedure: [...(c.procedure ?? [])],
    statutoryDays: c.statutoryDays ?? 0,
    promisedDays: c.promisedDays ?? 0,
    feeBasis: c.feeBasis ?? '',
    feeStandard: c.feeStandard ?? '',
    feeYuan: (c.feeCents ?? 0) / 100,
    resultType: c.resultType ?? '',
    resultName: c.resultName ?? '',
    location: c.location ?? '',
    phone: c.phone ?? '',
    onlineAllowed: !!c.onlineAllowed,
    deemedApproval: !!c.deemedApproval,
    events: [...(c.events ?? [])],
    materials: (c.materials ?? []).map((m) => ({ ...m })),
    stages: (c.stages ?? []).map((s) => ({
      name: s.name,
      limitDays: s.limitDays,
      departmentCodes: s.departments.map((d) => d.code),
      lead: s.departments.find((d) => d.lead)?.code,
    })),
  };
}

export function toContent(v: ItemFormValues): ItemContent {
  const materials: Material[] = (v.materials ?? []).map((m) => {
    const out: Material = {
      code: text(m.code).trim(),
      name: text(m.name).trim(),
      form: m.form,
      copies: int(m.copies),
      required: !!m.required,
    };
    const nameEn = optional(m.nameEn);
    if (nameEn) out.nameEn = nameEn;
    const condition = optional(m.condition);
    if (!out.required && condition) out.condition = condition;
    const source = optional(m.source);
    if (source) out.source = source;
    // Not edited in the form (data only until the certificate library is connected), but kept on save.
    if (m.fetchableFrom) out.fetchableFrom = m.fetchableFrom;
    if (m.blankForm) out.blankForm = m.blankForm;
    if (m.sample) out.sample = m.sample;
    return out;
  });
  return {
    name: text(v.name).trim(),
    nameEn: text(v.nameEn).trim(),
    kind: v.kind,
    category: text(v.category).trim(),
    legalBasis: text(v.legalBasis),
    conditions: text(v.conditions),
    procedure: (v.procedure ?? []).map((s) => text(s).trim()).filter(Boolean),
    statutoryDays: int(v.statutoryDays),
    promisedDays: int(v.promisedDays),
    feeBasis: text(v.feeBasis),
    feeStandard: text(v.feeStandard),
    feeCents: Math.round((typeof v.feeYuan === 'number' ? v.feeYuan : 0) * 100),
    resultType: text(v.resultType).trim(),
    resultName: text(v.resultName).trim(),
    location: text(v.location),
    phone: text(v.phone).trim(),
    onlineAllowed: !!v.onlineAllowed,
    deemedApproval: !!v.deemedApproval,
    events: (v.events ?? []).map((e) => text(e).trim()).filter(Boolean),
    materials,
    stages:
      v.kind === 'joint'
        ? (v.stages ?? []).map((s) => ({
            name: text(s.name).trim(),
            limitDays: int(s.limitDays),
            departments: (s.departmentCodes ?? []).map((code) => ({ code, lead: code === s.lead })),
          }))
        : [],
  };
}

/** A server field path (body of PUT draft / POST items) → the form's name path. */
export function mapServerPath(path: NamePath): NamePath | null {
  const [head, index, sub] = path;
  switch (head) {
    case 'feeCents':
      return ['feeYuan'];
    case 'events':
      return ['events'];
    case 'procedure':
      return typeof index === 'number' ? ['procedure', index] : ['procedure'];
    case 'stages':
      if (typeof index !== 'number') return ['stages'];
      // "exactly one lead", unknown department codes, … all concern the stage's department choice
      if (sub === 'departments') return ['stages', index, 'departmentCodes'];
      return sub === undefined ? ['stages', index, 'name'] : ['stages', index, sub];
    case 'materials':
      if (typeof index !== 'number') return ['materials'];
      return sub === undefined ? ['materials', index, 'name'] : ['materials', index, sub];
    default:
      return path.slice(0, 1);
  }
}

/** Next free material code: M01, M02, … */
export function nextMaterialCode(materials: { code?: string }[]): string {
  let max = 0;
  for (const m of materials) {
    const n = /^M(\d+)$/.exec(m?.code ?? '');
    if (n) max = Math.max(max, Number(n[1]));
  }
  return `M${String(max + 1).padStart(2, '0')}`;
}
