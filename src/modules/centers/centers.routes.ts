import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import type { Api } from '../../http/schemas.js';
import { listCenters } from './centers.repository.js';

export const CenterBody = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village')]),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  timeZone: Type.String({ description: 'IANA zone every date and time of the center is shown in' }),
});

export function centerRoutes(app: Api, ctx: AppContext): void {
  app.get('/centers', {
    schema: {
      tags: ['catalog'],
      summary: 'The tree of centers (city → county → township station → village room), as a flat list with parentId',
      response: { 200: Type.Array(CenterBody) },
    },
  }, async () => {
    const rows = await listCenters(ctx.db);
    return rows.map(({ id, code, name, level, parentId, timeZone }) => ({ id, code, name, level, parentId, timeZone }));
  });
}
