/**
 * Where a text message to an applicant stands in the outbox.
 * No TypeBox here: the web app imports the list at run time and its bundles stay free of TypeBox.
 */
export const SMS_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];
