/**
 * The bounds of the center's whole-number settings: the server's schema is built from them and the
 * settings page's inputs keep to them.
 * No TypeBox here: the web app imports them at run time and its bundles stay free of TypeBox.
 */
export const SETTING_LIMITS = {
  warningDays: { minimum: 0, maximum: 30 },
  heldBackHours: { minimum: 1, maximum: 720 },
  ratingContactHours: { minimum: 1, maximum: 168 },
  ratingFixDays: { minimum: 1, maximum: 30 },
  complaintDueDays: { minimum: 1, maximum: 30 },
  consultationDueDays: { minimum: 1, maximum: 30 },
} as const;
