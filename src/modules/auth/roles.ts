export { ROLES, roleFitsCenterLevel, type Role } from '#contract/roles.js';
