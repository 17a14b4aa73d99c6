import type { SessionUser } from '../auth/auth.service.js';
import type { CaseRow, TaskRow } from './cases.repository.js';

export type Reach = 'none' | 'read' | 'handle';

/**
 * Who may see a case: approvers of its department or of a department with a task on it; the
 * front desk of its center (any desk may resupply or deliver); supervisors and leaders read
 * everything in their center and act on nothing; a township station and a village agent read the
 * proxy cases taken at their place. Everybody else: as if it did not exist.
 */
export function reachOf(user: SessionUser, c: CaseRow, tasks: TaskRow[]): Reach {
  // 代办件: the station reads its township's proxy cases, the agent its own room's; neither acts on them
  // (the papers move through the ledger, the county's departments decide).
  if (user.role === 'station') return c.proxyTownshipId === user.centerId ? 'read' : 'none';
  if (user.role === 'agent') return c.proxyCenterId === user.centerId ? 'read' : 'none';
  if (user.centerId !== c.centerId) return 'none';
  switch (user.role) {
    case 'desk':
      return 'handle';
    case 'approver':
      return user.departmentId !== null && (c.departmentId === user.departmentId || tasks.some((t) => t.departmentId === user.departmentId))
        ? 'handle' : 'none';
    case 'supervisor':
    case 'leader':
      return 'read';
    default:
      return 'none';
  }
}
