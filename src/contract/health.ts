/** GET /api/health: liveness and database reachability. */
import { Type, type Static } from 'typebox';

export const Health = Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]) });
export type Health = Static<typeof Health>;
