/** The public progress look-up (办件进度查询) and the cancel link: no login, nothing personal unmasked. */
import { Type, type Static } from 'typebox';

const NStr = Type.Union([Type.String(), Type.Null()]);

/** GET /api/public/progress */
export const PublicProgress = Type.Object({
  caseNo: Type.String(),
  item: Type.String(),
  department: Type.String(),
  applicant: Type.String(),
  phone: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  receivedAt: Type.String(),
  acceptedAt: NStr,
  dueDate: NStr,
  provisional: Type.Boolean(),
  daysLeft: Type.Union([Type.Integer(), Type.Null()]),
  pausedDays: Type.Integer(),
  paused: Type.Boolean(),
  warning: NStr,
  timeliness: NStr,
  stages: Type.Array(Type.Object({ stage: Type.Integer(), name: Type.String(), department: Type.String(), status: Type.String(), dueDate: NStr })),
  missingMaterials: Type.Array(Type.String()),
  nextStep: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()], { description: 'When it was completed (办结)' }),
  deliveredAt: Type.Union([Type.String(), Type.Null()], { description: 'When the result was handed over (出件)' }),
  steps: Type.Array(Type.Object({
    at: Type.String(),
    action: Type.String(),
    name: Type.String({ description: 'The step, in Chinese' }),
    status: Type.String({ description: 'The status it led to' }),
    department: Type.String({ description: 'The department or window that took it; never a person' }),
  }), { description: 'Every step so far, oldest first; no names of staff and no comments' }),
});
export type PublicProgress = Static<typeof PublicProgress>;

/** A case's state after a step the applicant took (cancel link, online application, resubmission). */

