/**
 * Why a day is working or not, in the order the admin calendar's legend lists them.
 * No TypeBox here: the web app imports the list at run time and its bundles stay free of TypeBox.
 */
export const DAY_KINDS = ['weekday', 'weekend', 'holiday', 'makeup', 'override-off', 'override-on'] as const;
/** weekday, weekend, holiday (national), makeup (调休 working weekend), closure / opening (local override). */
export type DayKind = (typeof DAY_KINDS)[number];
