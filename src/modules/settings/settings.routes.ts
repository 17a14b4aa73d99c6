import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { Settings, SettingsPatch } from '#contract/settings.js';
import { getUser, requireRole } from '../../http/auth.js';
import { getSettings, updateSettings } from './settings.service.js';

export function settingsRoutes(app: Api, ctx: AppContext): void {
  app.get('/admin/settings', {
    preHandler: requireRole('admin'),
    schema: { tags: ['admin'], summary: 'Center settings', response: { 200: Settings, ...errors(401, 403) } },
  }, async () => getSettings(ctx.db));

  app.put('/admin/settings', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Change settings (any subset)',
      body: SettingsPatch,
      response: { 200: Settings, ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const user = getUser(request);
    return updateSettings(ctx.db, request.body, { userId: user.id, address: request.ip, at: ctx.clock.now() });
  });
}
