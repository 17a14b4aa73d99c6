import { useAppT } from '../../shared/i18n';
import { deskMessages } from '../desk/messages';
import { stationMessages } from './messages';

/**
 * The station's texts, plus the desk's field-check messages ('v.*'): the applicant's ID number and
 * phone are checked with the desk's own validators (../desk/validation), which name those keys.
 */
const pickChecks = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('v.')));
const dicts = {
  zh: { ...pickChecks(deskMessages.zh), ...stationMessages.zh },
  en: { ...pickChecks(deskMessages.en), ...stationMessages.en },
} as { zh: Record<string, string>; en: Record<string, string> };

export function useStationT() {
  return useAppT(dicts);
}
export type StationT = ReturnType<typeof useStationT>;
