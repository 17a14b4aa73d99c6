/**
 * The service catalog (事项清单) as plain data. Shared by the server, the seed and the web app,
 * so a printed guide, the online hall and the admin editor read one shape.
 */

export const ITEM_KINDS = ['immediate', 'promised', 'joint'] as const;
/** immediate 即办件 · promised 承诺件 · joint 联办件 */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Life (个人生活) and business (企业经营) events (一件事) the catalog is browsed by. */
export const EVENT_KINDS = ['life', 'business'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy', 'electronic'] as const;
/** original 原件 · copy 复印件 · original_and_copy 原件及复印件 · electronic 电子件 */
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

export const MATERIAL_FETCH_SOURCES = ['e_licence', 'shared_data'] as const;
export type MaterialFetchSource = (typeof MATERIAL_FETCH_SOURCES)[number];

/**
 * Text that tells the applicant they need not hand a material in (免于提交, 免提交, 免交) or that it
 * comes from the e-licence library. The intake requires every material of its checklist, so such text
 * is a promise the system does not keep: the catalog refuses it and the papers drop it.
 */
const UNKEPT_PROMISE = /免于?提交|免交|电子证照库/;

export function promisesExemption(text: string | undefined): boolean {
  return !!text && UNKEPT_PROMISE.test(text);
}

/**
 * A material as the guide, the notice and the portal show it: a 来源 text that promises an exemption
 * (still in catalogs saved before the rule, e.g. an old demo database) is left out rather than printed.
 */
export function publishedMaterial(m: Material): Material {
  if (!promisesExemption(m.source)) return m;
  const { source: _dropped, ...rest } = m;
  return rest;
}

export interface Material {
  /** Stable within an item across versions, e.g. "M01". */
  code: string;
  name: string;
  /** The name shown in English mode; missing or empty = the Chinese name. */
  nameEn?: string;
  form: MaterialForm;
  copies: number;
  /** false = conditional (容缺/视情形提供); then `condition` says when it is needed. */
  required: boolean;
  condition?: string;
  /** Where the material comes from or how to obtain it (来源渠道), free text. */
  source?: string;
  /**
   * Where the center could fetch this material itself instead of the applicant handing it in:
   * e_licence = the e-licence library (电子证照库), shared_data = another department's shared data.
   * Data only, for now: nothing fetches certificates yet (the certificate-library issue), so the
   * desk and the online form still require the material and no paper may promise 免于提交. When the
   * library is connected, this flag is what the intake (and the papers' 来源 column) will read.
   */
  fetchableFrom?: MaterialFetchSource;
  /** A blank form (空白表格) or sample (示范文本) the applicant can download; a file name under the uploads store. */
  blankForm?: string;
  sample?: string;
}

export interface JointStage {
  /** e.g. 立项用地规划许可 */
  name: string;
  /** Working days for this stage inside the case's overall limit. */
  limitDays: number;
  departments: { code: string; lead: boolean }[];
}

/** Everything the "eight publics" (八项公开) need about one version of an item. */
export interface ItemContent {
  name: string;
  /** The name shown in English mode (the portal, desk and office in English); missing or empty = the Chinese name. */
  nameEn?: string;
  kind: ItemKind;
  /** 事项类型: 行政许可, 行政确认, 公共服务, 行政给付, 其他行政权力 … */
  category: string;
  /** 法定依据 */
  legalBasis: string;
  /** 受理条件 */
  conditions: string;
  /** 办理程序: the ordered steps. */
  procedure: string[];
  /** 法定时限, working days (0 for immediate items). */
  statutoryDays: number;
  /** 承诺时限, working days (0 for immediate items). */
  promisedDays: number;
  /** 收费依据; empty when the item is free. */
  feeBasis: string;
  /** 收费标准 as published text, e.g. "不收费" or "工本费10元/本". */
  feeStandard: string;
  /** Fee in fen (0.01 yuan); 0 = free. */
  feeCents: number;
  /** 办理结果 type: 证照, 批文, 其他. */
  resultType: string;
  /** 结果名称, e.g. 营业执照. */
  resultName: string;
  /** 办理地点 and 咨询电话 */
  location: string;
  phone: string;
  onlineAllowed: boolean;
  /** 超时默许: the system approves when the promised limit passes without a decision. */
  deemedApproval: boolean;
  /** For joint items only: stages in order, departments inside a stage work in parallel. */
  stages: JointStage[];
  materials: Material[];
  /** Life or business events (我要开餐馆, 新生儿出生, …) this item belongs to. */
  events: string[];
}

export interface SeedDepartment {
  code: string;
  name: string;
  nameEn: string;
}

export interface SeedItem extends ItemContent {
  code: string;
  /** Department code (SeedDepartment.code). */
  department: string;
}
