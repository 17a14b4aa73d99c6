import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { getSettings, updateSettings } from './settings.service.js';

const SettingsBody = Type.Object({
  warningDays: Type.Integer({ minimum: 0, maximum: 30 }),
  promisedRatioMax: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  heldBackHours: Type.Integer({ minimum: 1, maximum: 720, description: 'Hours after which a decided or completed case not carried further is held back (压件)' }),
  ratingContactHours: Type.Integer({ minimum: 1, maximum: 168, description: 'Hours within which a bad rating\'s applicant must be contacted (差评回访)' }),
  ratingFixDays: Type.Integer({ minimum: 1, maximum: 30, description: 'Working days to fix what a bad rating complained about (差评整改)' }),
  complaintDueDays: Type.Integer({ minimum: 1, maximum: 30, description: 'Working days to answer a complaint (投诉办理时限)' }),
  consultationDueDays: Type.Integer({ minimum: 1, maximum: 30, description: 'Working days to answer a consultation (咨询答复时限)' }),
});

export function settingsRoutes(app: Api, ctx: AppContext): void {
  app.get('/admin/settings', {
    preHandler: requireRole('admin'),
    schema: { tags: ['admin'], summary: 'Center settings', response: { 200: SettingsBody, ...errors(401, 403) } },
  }, async () => getSettings(ctx.db));

  app.put('/admin/settings', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Change settings (any subset)',
      body: Type.Partial(SettingsBody, { additionalProperties: false }),
      response: { 200: SettingsBody, ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const user = getUser(request);
    return updateSettings(ctx.db, request.body, { userId: user.id, address: request.ip, at: ctx.clock.now() });
  });
}
