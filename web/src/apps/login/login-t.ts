/** The sign-in page's translator: its own texts first, then the shared dictionary. */
import { useAppT } from '../../shared/i18n';
import { loginMessages } from './messages';

export const useLoginT = () => useAppT(loginMessages);
