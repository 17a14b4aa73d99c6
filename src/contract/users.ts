/** Staff accounts, as the administrator keeps them (never with a password hash). */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import { DeptCode } from './departments.js';
import { ROLES } from './roles.js';
import { USERNAME_PATTERN } from './users-values.js';

const Ref = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

/** One staff account. */
export const AdminUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  center: Ref,
  /** Approvers only. */
  department: Type.Union([Ref, Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});
export type AdminUser = Static<typeof AdminUser>;

/** GET /api/admin/users */
export const AdminUserPage = Type.Object({ items: Type.Array(AdminUser), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type AdminUserPage = Static<typeof AdminUserPage>;

/** POST /api/admin/users and POST /api/admin/users/{id}/reset-password. */
export const AdminUserWithPassword = Type.Object({
  user: AdminUser,
  generatedPassword: Type.Optional(Type.String({ description: 'Only when the server chose the password: shown this once, never stored in clear' })),
});
export type AdminUserWithPassword = Static<typeof AdminUserWithPassword>;

const Username = Type.String({
  pattern: USERNAME_PATTERN,
  description: 'Lower-case letters, digits, . _ - (2–32 characters, starting with a letter or digit)',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 50 });
const Password = Type.String({
  // The strength rules are the service's, so a short password is refused with WEAK_PASSWORD like any other weak one.
  minLength: 1, maxLength: 256,
  description: 'At least 10 characters, not the username, not the demo password. Leave out to have one generated.',
});
const CenterCode = Type.String({ minLength: 1, maxLength: 40 });

export const UserListQuery = Type.Object({
  role: Type.Optional(StringEnum(ROLES)),
  department: Type.Optional(DeptCode),
  disabled: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the username or display name' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
}, { additionalProperties: false });
export type UserListQuery = Static<typeof UserListQuery>;

/** POST /api/admin/users */
export const NewUser = Type.Object({
  username: Username,
  displayName: DisplayName,
  role: StringEnum(ROLES),
  center: Type.Optional(CenterCode),
  department: Type.Optional(Type.Union([DeptCode, Type.Null()])),
  password: Type.Optional(Password),
}, { additionalProperties: false });
export type NewUser = Static<typeof NewUser>;

/** PATCH /api/admin/users/{id} */
export const UserPatch = Type.Object({
  displayName: Type.Optional(DisplayName),
  role: Type.Optional(StringEnum(ROLES)),
  department: Type.Optional(Type.Union([DeptCode, Type.Null()])),
  disabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type UserPatch = Static<typeof UserPatch>;

/** POST /api/admin/users/{id}/reset-password */
export const PasswordReset = Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false });
export type PasswordReset = Static<typeof PasswordReset>;

export const UserParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
