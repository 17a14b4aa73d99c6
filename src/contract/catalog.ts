/**
 * The service catalog (事项): the published guides the portal, kiosk and desk read, and the admin
 * editor's items and versions.
 */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import {
  ITEM_KINDS, MATERIAL_FETCH_SOURCES, MATERIAL_FORMS,
  type ItemContent as DomainItemContent, type JointStage as DomainJointStage, type Material as DomainMaterial,
} from '../domain/catalog.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Days = Type.Integer({ minimum: 0, maximum: 3650, description: 'working days' });

export const ItemCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$', description: 'Letters, digits, - and _; 2–40 characters' });

export const Material = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }),
  name: Text(200, 1),
  nameEn: Type.Optional(Text(300)),
  form: StringEnum(MATERIAL_FORMS),
  copies: Type.Integer({ minimum: 1, maximum: 99 }),
  required: Type.Boolean(),
  condition: Type.Optional(Text(500)),
  source: Type.Optional(Text(500)),
  fetchableFrom: Type.Optional(StringEnum(MATERIAL_FETCH_SOURCES, { description: 'Where the center could fetch it itself once connected (e_licence 电子证照库, shared_data 部门共享); not acted on yet: the material is still required' })),
  blankForm: Type.Optional(Text(200)),
  sample: Type.Optional(Text(200)),
}, { additionalProperties: false });
export type Material = Static<typeof Material>;

export const JointStage = Type.Object({
  name: Text(100, 1),
  limitDays: Days,
  departments: Type.Array(Type.Object({ code: Text(20, 1), lead: Type.Boolean() }, { additionalProperties: false }), { maxItems: 20 }),
}, { additionalProperties: false });
export type JointStage = Static<typeof JointStage>;

const contentProperties = {
  name: Text(200, 1),
  nameEn: Type.Optional(Text(300)),
  kind: StringEnum(ITEM_KINDS),
  category: Text(50, 1),
  legalBasis: Text(5000),
  conditions: Text(5000),
  procedure: Type.Array(Text(500, 1), { maxItems: 30 }),
  statutoryDays: Days,
  promisedDays: Days,
  feeBasis: Text(2000),
  feeStandard: Text(1000),
  feeCents: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  resultType: Text(50),
  resultName: Text(200),
  location: Text(500),
  phone: Text(100),
  onlineAllowed: Type.Boolean(),
  deemedApproval: Type.Boolean(),
  stages: Type.Array(JointStage, { maxItems: 20 }),
  materials: Type.Array(Material, { maxItems: 100 }),
  events: Type.Array(Text(50, 1), { maxItems: 20 }),
};

/** One version's content. src/domain/catalog.ts documents each field; the checks below keep the two one shape. */
export const ItemContent = Type.Object(contentProperties, { additionalProperties: false });
export type ItemContent = Static<typeof ItemContent>;
export const NewItem = Type.Object({ code: ItemCode, department: Text(20, 1), ...contentProperties }, { additionalProperties: false });
export type NewItem = Static<typeof NewItem>;

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Holds<T extends true> = T;
/** Fails to compile when the schema and the domain's documented interface part. */
export type ContractMatchesDomain = Holds<Same<[ItemContent, Material, JointStage], [DomainItemContent, DomainMaterial, DomainJointStage]>>;

const Warning = Type.Object({ code: Type.String(), message: Type.String() });
const DeptRef = Type.Object({ code: Type.String(), name: Type.String() });
export const ItemStatus = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')]);
export type ItemStatus = Static<typeof ItemStatus>;

/** One row of the public search and of the admin list. */
export const ItemSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String({ description: 'English name; empty when none was given' }),
  kind: StringEnum(ITEM_KINDS),
  department: DeptRef,
  statutoryDays: Type.Integer(),
  promisedDays: Type.Integer(),
  onlineAllowed: Type.Boolean(),
  feeCents: Type.Integer(),
  version: Type.Union([Type.Integer(), Type.Null()]),
  status: ItemStatus,
  hasDraft: Type.Optional(Type.Boolean()),
});
export type ItemSummary = Static<typeof ItemSummary>;

export const ItemPage = Type.Object({
  items: Type.Array(ItemSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type ItemPage = Static<typeof ItemPage>;

const contentOut = { ...contentProperties, materials: Type.Array(Type.Object(Material.properties)), stages: Type.Array(Type.Object(JointStage.properties)) };

/** GET /api/items/{code}: the published guide. */
export const ItemGuide = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  publishedOn: Type.String({ format: 'date', description: 'The publication date in the center\'s time zone' }),
  department: DeptRef,
  center: Type.Object({ code: Type.String(), name: Type.String(), timeZone: Type.String({ description: 'IANA zone the center\'s dates and times are in' }) }),
  links: Type.Object({ guide: Type.String(), notice: Type.String() }),
  ...contentOut,
});
export type ItemGuide = Static<typeof ItemGuide>;

export const ItemVersion = Type.Object({
  version: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('superseded')]),
  createdAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  warnings: Type.Array(Warning),
  ...contentOut,
});
export type ItemVersion = Static<typeof ItemVersion>;

export const AdminItem = Type.Object({
  code: Type.String(),
  department: DeptRef,
  status: ItemStatus,
  versions: Type.Array(ItemVersion),
});
export type AdminItem = Static<typeof AdminItem>;

export const PublishResult = Type.Object({ version: Type.Integer(), warnings: Type.Array(Warning) });
export type PublishResult = Static<typeof PublishResult>;

export const ItemListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  department: Type.Optional(Type.String({ maxLength: 20 })),
  kind: Type.Optional(StringEnum(ITEM_KINDS)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
}, { additionalProperties: false });

/** Every public catalog read may name the center (its code); the default center otherwise. */
export const CenterQuery = Type.Object({ center: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });
