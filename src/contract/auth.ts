/** Staff sign-in: the session's user and CSRF token, and the user's own password change. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import { ROLES } from './roles.js';

/** POST /api/auth/login and GET /api/auth/me. */
export const Me = Type.Object({
  user: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    role: StringEnum(ROLES),
    centerId: Type.Integer(),
    timeZone: Type.String({ description: 'IANA zone of the user\'s center: the web app shows every time in it' }),
    department: Type.Optional(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
    mustChangePassword: Type.Boolean({ description: 'An administrator set the password: every request but change-password, me and logout answers 403 PASSWORD_CHANGE_REQUIRED until it is changed' }),
  }),
  /** Send as header `x-csrf-token` on every POST/PUT/PATCH/DELETE. */
  csrfToken: Type.String(),
});
export type Me = Static<typeof Me>;

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256, description: 'At least 10 characters, not the username, not the demo password, not the current one' }),
}, { additionalProperties: false });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
