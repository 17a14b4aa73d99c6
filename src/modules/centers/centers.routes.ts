import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import type { Api } from '../../http/schemas.js';
import { Center } from '#contract/centers.js';
import { listCenters } from './centers.repository.js';

export function centerRoutes(app: Api, ctx: AppContext): void {
  app.get('/centers', {
    schema: {
      tags: ['catalog'],
      summary: 'The tree of centers (city → county → township station → village room), as a flat list with parentId',
      response: { 200: Type.Array(Center) },
    },
  }, async () => {
    const rows = await listCenters(ctx.db);
    return rows.map(({ id, code, name, level, parentId, timeZone }) => ({ id, code, name, level, parentId, timeZone }));
  });
}
