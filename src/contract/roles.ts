/**
 * The staff roles: the one list the server's schemas, its guards and the web app's forms all read.
 * No TypeBox here: the web app imports the list at run time and its bundles stay free of TypeBox.
 */
/** `station`: staff of a township station (便民服务站); `agent`: a village room's proxy agent (代办员). */
export const ROLES = ['admin', 'desk', 'approver', 'supervisor', 'leader', 'station', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Where each role works: a station at a township station, an agent at a village room, every other
 * role at a county (or city) center, whose cases, catalog and hall it works on.
 */
export function roleFitsCenterLevel(role: Role, level: string): boolean {
  if (role === 'station') return level === 'township';
  if (role === 'agent') return level === 'village';
  return level === 'county' || level === 'city';
}
