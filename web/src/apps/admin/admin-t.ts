/** The admin pages' translator: their own texts first, then the shared dictionary. */
import { useAppT } from '../../shared/i18n';
import { adminMessages } from './messages';

export const useAdminT = () => useAppT(adminMessages);

export type AdminT = ReturnType<typeof useAdminT>;
