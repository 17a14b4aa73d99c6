/**
 * Where a case was taken, as the dashboard's level filter and the network report name it (no
 * TypeBox: the web app reads this list at run time). county: at the hall or online; township: by a
 * township station; village: by a village room's agent.
 */
export const REPORT_LEVELS = ['county', 'township', 'village'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];
