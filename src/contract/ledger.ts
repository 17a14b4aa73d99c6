/**
 * The paper ledger (台帐) of the three-level network: every paper of a proxy case, where it is,
 * since when, and each handover (交接) between a village room, a township station and the county.
 */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
/** A row id: bounded to PostgreSQL's integer, so a huge number is a 400, not a database error. */
const RowId = () => Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const LEDGER_KINDS = ['material', 'result'] as const;
export const LEDGER_STATES = ['held', 'in_transit', 'returned'] as const;

export const PlaceRef = Type.Object({ code: Type.String(), name: Type.String(), level: StringEnum(['city', 'county', 'township', 'village']) });
export type PlaceRef = Static<typeof PlaceRef>;

export const LedgerEntry = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  itemName: Type.String(),
  /** Masked (张*). */
  applicantName: Type.String(),
  kind: StringEnum(LEDGER_KINDS),
  name: Type.String(),
  copies: Type.Integer(),
  /** Where the applicant came: a result goes back there. */
  home: PlaceRef,
  holder: PlaceRef,
  state: StringEnum(LEDGER_STATES),
  /** Since when the holder (or the carrier) has it. */
  heldSince: Type.String({ format: 'date-time' }),
  /** Whole hours it has been where it is (in transit: since it was sent). */
  heldHours: Type.Integer(),
  /** The open handover it travels in. */
  batchNo: Type.Union([Type.String(), Type.Null()]),
  returnedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type LedgerEntry = Static<typeof LedgerEntry>;

export const Handover = Type.Object({
  id: Type.Integer(),
  batchNo: Type.String(),
  from: PlaceRef,
  to: PlaceRef,
  carrier: Type.String(),
  note: Type.String(),
  status: StringEnum(['sent', 'received']),
  sentAt: Type.String({ format: 'date-time' }),
  sentBy: Type.String(),
  receivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  receivedBy: Type.Union([Type.String(), Type.Null()]),
  entries: Type.Array(LedgerEntry),
  /** The transfer list to print (A4, with the QR code the receiver scans). */
  printUrl: Type.String(),
});
export type Handover = Static<typeof Handover>;

/** GET /api/ledger: the caller's place — papers held here, batches coming, batches sent and received lately. */
export const LedgerView = Type.Object({
  place: PlaceRef,
  /** Places this one hands papers to (up: its township or county; down: its villages) and from. */
  neighbours: Type.Array(PlaceRef),
  here: Type.Array(LedgerEntry),
  incoming: Type.Array(Handover),
  sent: Type.Array(Handover),
  received: Type.Array(Handover),
});
export type LedgerView = Static<typeof LedgerView>;

export const HandoverBody = Type.Object({
  /** Code of the receiving place. */
  to: Text(40, 1),
  carrier: Text(50, 1),
  note: Type.Optional(Text(200)),
  entryIds: Type.Array(RowId(), { minItems: 1, maxItems: 500 }),
}, { additionalProperties: false });
export type HandoverBody = Static<typeof HandoverBody>;

export const HandoverParams = Type.Object({ id: RowId() });

/** Receiving by scanning the list's QR code carries its token; receiving from the list on screen does not. */
export const ReceiveBody = Type.Object({ token: Type.Optional(Text(64, 1)) }, { additionalProperties: false });
export type ReceiveBody = Static<typeof ReceiveBody>;

/** Handing a paper back to the applicant: their signature (name as signed) or the code of an SMS sent to them. */
export const ReturnBody = Type.Object({
  proof: Type.Union([
    Type.Object({ kind: Type.Literal('signature'), name: Text(50, 1) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('sms_code'), code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
  ]),
}, { additionalProperties: false });
export type ReturnBody = Static<typeof ReturnBody>;

/** A case's papers with every hop: where a paper missing at the county was last held. */
export const CaseLedger = Type.Object({
  caseNo: Type.String(),
  entries: Type.Array(Type.Object({
    entry: LedgerEntry,
    hops: Type.Array(Type.Object({
      batchNo: Type.String(), from: PlaceRef, to: PlaceRef, carrier: Type.String(),
      sentAt: Type.String({ format: 'date-time' }), receivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    })),
  })),
});
export type CaseLedger = Static<typeof CaseLedger>;

export const EntryParams = Type.Object({ id: RowId() });

/** A paper handed back; a result of a case still completed also delivers the case (出件) in the same step. */
export const ReturnAnswer = Type.Object({
  entry: LedgerEntry,
  /** Whether this return delivered the case; false when it was delivered already or could not be (see `note`). */
  caseDelivered: Type.Boolean(),
  note: Type.Optional(Type.String()),
});
export type ReturnAnswer = Static<typeof ReturnAnswer>;

/** The code was sent to the applicant's phone (masked here); they read it back to the clerk. */
export const ReturnCodeAnswer = Type.Object({ phone: Type.String(), expiresIn: Type.Integer() });
export type ReturnCodeAnswer = Static<typeof ReturnCodeAnswer>;

export const OverdueQuery = Type.Object({
  /** Held or in transit at least this many working hours (hours on the center's working days; default 48). */
  hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 365 })),
}, { additionalProperties: false });
export type OverdueQuery = Static<typeof OverdueQuery>;

/** GET /api/ledger/overdue: who holds a paper too long (谁压着材料), per place and holder, longest first. */
export const LedgerOverdue = Type.Object({
  hours: Type.Integer(),
  groups: Type.Array(Type.Object({
    /** Where it lies; for a paper on the road, the place that sent it. */
    place: PlaceRef,
    state: StringEnum(['held', 'in_transit']),
    /** Who has it: the person who last took it in or received it, or the carrier on the road. */
    holder: Type.String(),
    longestHours: Type.Integer(),
    entries: Type.Array(LedgerEntry),
  })),
});
export type LedgerOverdue = Static<typeof LedgerOverdue>;
