/** The three-level network (县乡村): proxy intake, the paper ledger, handbooks and reports. */
import { Type, type Static } from 'typebox';
import { CASE_STATUSES } from '../domain/case-status.js';
import { StringEnum } from './common.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const ConfirmationBody = Type.Object({
  phone: Text(11, 11),
  itemCode: Text(40, 1),
}, { additionalProperties: false });
export type ConfirmationBody = Static<typeof ConfirmationBody>;

export const ConfirmationAnswer = Type.Object({ id: Type.Integer(), expiresIn: Type.Integer({ description: 'seconds' }) });
export type ConfirmationAnswer = Static<typeof ConfirmationAnswer>;

// ─── The /station workplace: my proxy cases and the items open at my place ─────────────────────

/** GET /api/network/cases: the caller's proxy cases, newest first. */
export const NetworkCasesQuery = Type.Object({
  status: Type.Optional(StringEnum(CASE_STATUSES)),
  /** Only results waiting to be handed back (待领取): completed at the county, not yet delivered. */
  waiting: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });
export type NetworkCasesQuery = Static<typeof NetworkCasesQuery>;

export const NetworkCaseRow = Type.Object({
  caseNo: Type.String(),
  status: StringEnum(CASE_STATUSES),
  item: Type.Object({ code: Type.String(), name: Type.String() }),
  /** Masked (张*): the list is shown on a phone in a village room. */
  applicantName: Type.String(),
  /** Masked (138****5678). */
  applicantPhone: Type.String(),
  /** The village room or station that took it in, and who. */
  place: Type.Object({ code: Type.String(), name: Type.String() }),
  takenBy: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  dueDate: Type.Union([Type.String(), Type.Null()]),
  warning: Type.Union([StringEnum(['normal', 'yellow', 'red']), Type.Null()]),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type NetworkCaseRow = Static<typeof NetworkCaseRow>;

export const NetworkCasesPage = Type.Object({
  items: Type.Array(NetworkCaseRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
});
export type NetworkCasesPage = Static<typeof NetworkCasesPage>;

export const NetworkItemMaterial = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), required: Type.Boolean(), copies: Type.Integer() });
export type NetworkItemMaterial = Static<typeof NetworkItemMaterial>;

export const NetworkItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  /** Search keys, as the catalog keeps them: full pinyin and initials. */
  pinyin: Type.String(),
  department: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }),
  promisedDays: Type.Integer(),
  materials: Type.Array(NetworkItemMaterial),
});
export type NetworkItem = Static<typeof NetworkItem>;

/** GET /api/network/items: the county items open at the caller's place (or a center above it). */
export const NetworkItems = Type.Object({
  place: Type.Object({ code: Type.String(), name: Type.String() }),
  /**
   * Changes whenever an opening or a published version of one of these items changes: the device's
   * offline copy compares it (also sent as the ETag) to know it is stale.
   */
  version: Type.String(),
  items: Type.Array(NetworkItem),
});
export type NetworkItems = Static<typeof NetworkItems>;
