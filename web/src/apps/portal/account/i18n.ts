import { useAppT } from '../../../shared/i18n';
import * as messages from './messages';

export function useAccountT() {
  return useAppT(messages);
}

export type AccountT = ReturnType<typeof useAccountT>;
