/** The center's settings (GET/PUT /api/admin/settings). */
import { Type, type Static } from 'typebox';
import { SETTING_LIMITS as L } from './settings-values.js';

export { SETTING_LIMITS } from './settings-values.js';

export const Settings = Type.Object({
  warningDays: Type.Integer({ ...L.warningDays }),
  promisedRatioMax: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  heldBackHours: Type.Integer({ ...L.heldBackHours, description: 'Hours after which a decided or completed case not carried further is held back (压件)' }),
  ratingContactHours: Type.Integer({ ...L.ratingContactHours, description: 'Hours within which a bad rating\'s applicant must be contacted (差评回访)' }),
  ratingFixDays: Type.Integer({ ...L.ratingFixDays, description: 'Working days to fix what a bad rating complained about (差评整改)' }),
  complaintDueDays: Type.Integer({ ...L.complaintDueDays, description: 'Working days to answer a complaint (投诉办理时限)' }),
  consultationDueDays: Type.Integer({ ...L.consultationDueDays, description: 'Working days to answer a consultation (咨询答复时限)' }),
});
export type Settings = Static<typeof Settings>;

/** PUT /api/admin/settings: any subset. */
export const SettingsPatch = Type.Partial(Settings, { additionalProperties: false });
export type SettingsPatch = Static<typeof SettingsPatch>;
