/**
 * The kiosk's dictionary: its own texts plus the portal's progress texts (the same statuses and next
 * steps the applicant sees on the phone), resolved once so useAppT gets a stable object.
 */
import { useAppT } from '../../shared/i18n';
import * as progress from '../portal/progress-messages';
import * as own from './messages';

const dicts = {
  zh: { ...progress.zh, ...own.zh },
  en: { ...progress.en, ...own.en },
};

export type KioskKey = keyof typeof dicts.zh;

export function useKioskT() {
  return useAppT(dicts);
}

export type KioskT = ReturnType<typeof useKioskT>;
