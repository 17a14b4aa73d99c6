/** Consultations and complaints (咨询投诉): registered online or by staff, answered within a due date. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import { COMPLAINT_ABOUT, COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, REPLY_FORMS } from '../domain/complaint-rules.js';

// The lists live in the domain file, which the web app imports at run time without TypeBox.
export {
  COMPLAINT_ABOUT, COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, REPLY_FORMS,
  type ComplaintAbout, type ComplaintChannel, type ComplaintKind, type ComplaintStatus, type ReplyForm,
} from '../domain/complaint-rules.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);

/** What a consultation or complaint is about and says; both ways to register it take these. */
export const ComplaintSubject = {
  about: StringEnum(COMPLAINT_ABOUT),
  caseNo: Type.Optional(Text(30)),
  windowNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
  staffName: Type.Optional(Text(40)),
  department: Type.Optional(Text(20)),
  anonymous: Type.Optional(Type.Boolean({ description: 'Consultations only; a complaint needs a contact' })),
  contactName: Type.Optional(Text(40)),
  contactPhone: Type.Optional(Text(20)),
  contactAddress: Type.Optional(Text(200)),
  subject: Text(100, 1),
  content: Text(4000, 1),
};

export const OnlineComplaintBody = Type.Object({ kind: StringEnum(COMPLAINT_KINDS), ...ComplaintSubject, center: Type.Optional(Text(20, 1)) }, { additionalProperties: false });
export type OnlineComplaintBody = Static<typeof OnlineComplaintBody>;
export const StaffComplaintBody = Type.Object({ kind: StringEnum(COMPLAINT_KINDS), channel: StringEnum(COMPLAINT_CHANNELS), ...ComplaintSubject }, { additionalProperties: false });
export type StaffComplaintBody = Static<typeof StaffComplaintBody>;

/** POST /api/public/complaints */
export const ComplaintReceipt = Type.Object({ code: Type.String(), kind: Type.String(), dueDate: Type.String(), status: Type.String() });
export type ComplaintReceipt = Static<typeof ComplaintReceipt>;

/** The complaint as the staff API answers it (GET /api/complaints). */
export const Complaint = Type.Object({
  id: Type.Integer(), code: Type.String(), kind: StringEnum(COMPLAINT_KINDS), channel: StringEnum(COMPLAINT_CHANNELS),
  replyForm: StringEnum(REPLY_FORMS), about: StringEnum(COMPLAINT_ABOUT),
  caseNo: NStr, windowNumber: Type.Union([Type.Integer(), Type.Null()]), staffName: NStr, department: NStr,
  handledBy: StringEnum(['center', 'department'] as const, { description: 'center = the center\'s supervisors (front desk, windows, hall); department = the department named' }),
  anonymous: Type.Boolean(),
  contactName: NStr, contactPhone: NStr, contactAddress: NStr, subject: Type.String(), content: Type.String(),
  status: StringEnum(COMPLAINT_STATUSES), handlerName: NStr, dueDate: Type.String(), overdue: Type.Boolean(), escalated: Type.Boolean(),
  reply: NStr, repliedAt: NStr, repliedBy: NStr, satisfied: Type.Union([Type.Boolean(), Type.Null()]), createdAt: Type.String(),
  history: Type.Array(Type.Object({ at: Type.String(), by: Type.String(), what: Type.String(), note: Type.Optional(Type.String()) })),
});
export type Complaint = Static<typeof Complaint>;

/** GET /api/public/complaints/{code}: what the person who wrote it may read back. */
export const PublicComplaint = Type.Object({
  code: Type.String(), kind: StringEnum(COMPLAINT_KINDS), subject: Type.String(), status: StringEnum(COMPLAINT_STATUSES), dueDate: Type.String(),
  replyForm: Type.String(), reply: NStr, repliedAt: NStr, satisfied: Type.Union([Type.Boolean(), Type.Null()]), createdAt: Type.String(),
});
export type PublicComplaint = Static<typeof PublicComplaint>;

export const FeedbackAnswer = Type.Object({ status: Type.String(), satisfied: Type.Boolean() });
export type FeedbackAnswer = Static<typeof FeedbackAnswer>;
