export { ROLES, type Role } from '#contract/roles.js';
