/**
 * Who is signed in, also offline: the last answer of /api/auth/me is kept (without the CSRF token),
 * so the app opens in a village with no signal and the agent can record intakes; they are sent
 * under the live session once the connection is back. A 401 online still goes to the login page.
 */
import { useEffect, useState } from 'react';
import { ApiRequestError, fetchMe, onUnauthorized } from '../../shared/api';
import { setCenterTimeZone } from '../../shared/time-zone';
import { toLogin } from '../../shared/staff-session';
import type { Me } from '#contract/auth.js';

const KEY = 'onewindow.station.me';

export function useStationMe(): { me: Me | null; offline: boolean; needOnline: boolean } {
  const [me, setMe] = useState<Me | null>(null);
  const [offline, setOffline] = useState(false);
  const [needOnline, setNeedOnline] = useState(false);
  useEffect(() => {
    onUnauthorized(() => toLogin());
    fetchMe()
      .then((m) => {
        if (!m) {
          localStorage.removeItem(KEY);
          return toLogin();
        }
        localStorage.setItem(KEY, JSON.stringify({ ...m, csrfToken: '' }));
        setMe(m);
      })
      .catch((e) => {
        if (!(e instanceof ApiRequestError) || (e.status !== 0 && e.status < 500)) throw e;
        const kept = localStorage.getItem(KEY);
        if (!kept) return setNeedOnline(true);
        const m = JSON.parse(kept) as Me;
        setCenterTimeZone(m.user.timeZone);
        setOffline(true);
        setMe(m);
      });
    return () => onUnauthorized(null);
  }, []);
  return { me, offline, needOnline };
}

/** navigator.onLine, live. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}
