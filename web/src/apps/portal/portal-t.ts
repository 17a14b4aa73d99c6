/** The portal frame's translator (search, item guide, header): its own texts, then the shared ones. */
import { useAppT } from '../../shared/i18n';
import { portalMessages } from './messages';

export const usePortalT = () => useAppT(portalMessages);
