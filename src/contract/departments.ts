/** The departments of a center: the public list and the administrator's. */
import { Type, type Static } from 'typebox';
import { DEPT_CODE_PATTERN } from './departments-values.js';

export const Department = Type.Object({
  id: Type.Integer(),
  centerId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
  itemCount: Type.Integer(),
});
export type Department = Static<typeof Department>;

export const DeptCode = Type.String({ pattern: DEPT_CODE_PATTERN, description: 'Upper-case letters and digits, 2–12 characters' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const NameEn = Type.String({ maxLength: 200 });

export const DepartmentListQuery = Type.Object({ center: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });

/** POST /api/admin/departments */
export const NewDepartment = Type.Object({ code: DeptCode, name: Name, nameEn: Type.Optional(NameEn) }, { additionalProperties: false });
export type NewDepartment = Static<typeof NewDepartment>;

/** PATCH /api/admin/departments/{code} */
export const DepartmentPatch = Type.Object({ name: Type.Optional(Name), nameEn: Type.Optional(NameEn) }, { additionalProperties: false });
export type DepartmentPatch = Static<typeof DepartmentPatch>;

export const DepartmentParams = Type.Object({ code: DeptCode });
