/** The tree of centers (city → county → township station → village room). */
import { Type, type Static } from 'typebox';

/** One row of GET /api/centers: the tree as a flat list with parentId. */
export const Center = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village')]),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  timeZone: Type.String({ description: 'IANA zone every date and time of the center is shown in' }),
});
export type Center = Static<typeof Center>;
