/**
 * Loads one case (GET /api/cases/{caseNo}) with its loading state. A 404 is its own state: the
 * server answers the same for an unknown case and one out of the user's reach.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError, api, seg } from '../api';
import type { CaseView } from '#contract/cases.js';

export interface CaseState {
  data: CaseView | null;
  loading: boolean;
  notFound: boolean;
  error: unknown;
  /** Fetches again; resolves with the new view (or null when it failed). */
  reload: () => Promise<CaseView | null>;
}

export function useCase(caseNo: string): CaseState {
  const [data, setData] = useState<CaseView | null>(null);
  const [loading, setLoading] = useState(true);
  const [notFound, setNotFound] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = useRef(caseNo);
  current.current = caseNo;

  const load = useCallback(async (no: string): Promise<CaseView | null> => {
    setLoading(true);
    setError(null);
    try {
      const view = await api.get<CaseView>(`/api/cases/${seg(no)}`);
      if (current.current !== no) return null;
      setData(view);
      setNotFound(false);
      return view;
    } catch (e) {
      if (current.current !== no) return null;
      if (e instanceof ApiRequestError && e.status === 404) {
        setNotFound(true);
        setData(null);
      } else setError(e);
      return null;
    } finally {
      if (current.current === no) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(null);
    setNotFound(false);
    void load(caseNo);
  }, [caseNo, load]);

  const reload = useCallback(() => load(current.current), [load]);
  return { data, loading, notFound, error, reload };
}
