import { useEffect, useState } from 'react';
import { Button, Result, Spin } from 'antd';
import { fetchMe, logout, onUnauthorized } from './api';
import type { Me } from '#contract/auth.js';
import { errorMessage } from './errors';
import type { Translate } from './i18n';

/** Back to the login page, returning here afterwards. */
export function toLogin(): void {
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
}

export async function signOut(): Promise<void> {
  await logout().catch(() => undefined);
  window.location.assign('/login');
}

/**
 * Who is signed in to a staff UI, asked once on load. No session, or one that ends later (any 401),
 * goes to the login page and comes back here.
 */
export function useStaffMe(t: Translate): { me: Me | null; loadError: string | null } {
  const [me, setMe] = useState<Me | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    onUnauthorized(() => toLogin());
    fetchMe()
      .then((m) => (m ? setMe(m) : toLogin()))
      .catch((e) => setLoadError(errorMessage(e, t)));
    return () => onUnauthorized(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { me, loadError };
}

/** What a staff UI shows until it knows who is there: why it could not ask (with a retry), or a spinner. */
export function StaffLoading({ error, t }: { error: string | null; t: Translate }) {
  if (error) {
    return <Result status="error" title={t('common.error')} subTitle={error} extra={<Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>} />;
  }
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}
