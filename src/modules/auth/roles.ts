export const ROLES = ['admin', 'desk', 'approver', 'supervisor', 'leader'] as const;
export type Role = (typeof ROLES)[number];
