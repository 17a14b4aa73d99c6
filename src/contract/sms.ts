/** The administrator's log of text messages to applicants (GET /api/admin/sms). */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import { SMS_STATUSES } from './sms-values.js';

export { SMS_STATUSES, type SmsStatus } from './sms-values.js';

export const SmsQuery = Type.Object({
  status: Type.Optional(StringEnum(SMS_STATUSES)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
}, { additionalProperties: false });
export type SmsQuery = Static<typeof SmsQuery>;

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** One message, newest first in the list. */
export const SmsItem = Type.Object({
  id: Type.Integer(),
  recipient: Type.String({ description: 'Masked mobile number' }),
  template: Type.String(),
  body: Type.String({ description: 'The text sent, with the query of any link hidden' }),
  status: StringEnum(SMS_STATUSES),
  attempts: Type.Integer(),
  lastError: NullableString,
  createdAt: Type.String(),
  sentAt: NullableString,
  nextAttemptAt: Type.String(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
});
export type SmsItem = Static<typeof SmsItem>;

export const SmsPage = Type.Object({
  items: Type.Array(SmsItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  codesShown: Type.Boolean({ description: 'Sign-in codes are shown whole: the log gateway outside production (trying the demo); masked otherwise' }),
});
export type SmsPage = Static<typeof SmsPage>;
