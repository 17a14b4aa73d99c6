import type { Role } from '#contract/roles.js';

/**
 * Where each role lands after signing in. Adding a UI is one line here
 * (desk → /desk, approver → /office, supervisor/leader → /dashboard when those exist).
 */
export const ROLE_HOME: Record<Role, string> = {
  admin: '/admin',
  desk: '/desk',
  approver: '/office',
  // The dashboard links to /office for case lookup and the warning list.
  supervisor: '/dashboard',
  leader: '/dashboard',
  // Phone first: a village agent works from a phone, a station from a tablet.
  station: '/station',
  agent: '/station',
};
