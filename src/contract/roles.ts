/**
 * The staff roles: the one list the server's schemas, its guards and the web app's forms all read.
 * No TypeBox here: the web app imports the list at run time and its bundles stay free of TypeBox.
 */
export const ROLES = ['admin', 'desk', 'approver', 'supervisor', 'leader'] as const;
export type Role = (typeof ROLES)[number];
