/** The office UI's translator and who counts as a read-only user (监察、领导). */
import type { Me } from '#contract/auth.js';
import { useAppT } from '../../shared/i18n';
import { officeMessages } from './messages';

export const useOfficeT = () => useAppT(officeMessages);

export type OfficeUser = Me['user'];

export const isReader = (u: Pick<OfficeUser, 'role'>) => u.role === 'supervisor' || u.role === 'leader';

/** The list the user came from (with its filters), so "back to the list" returns to the same view. */
let lastList = '/office';
export function rememberList(url: string): void {
  lastList = url;
}
export function lastListUrl(): string {
  return lastList;
}
