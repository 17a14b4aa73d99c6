import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { errorMessage } from './errors';
import type { Translate } from './i18n';

/**
 * What a page shows from the server: loaded on mount, again whenever `deps` change and on reload().
 * The last answer stays on screen while the next loads; `onLoaded` sees each answer as it arrives. An answer that comes after the page has moved
 * on (the deps changed again, or it closed) is dropped, so a slow old answer never overwrites a newer one.
 */
export function useFetched<D>(
  t: Translate,
  load: () => Promise<D>,
  deps: DependencyList,
  { onLoaded, loadingAtFirst = true }: { onLoaded?: (data: D) => void; loadingAtFirst?: boolean } = {},
): { data: D | null; loading: boolean; error: string | null; setError: (error: string | null) => void; reload: () => void } {
  const [data, setData] = useState<D | null>(null);
  const [loading, setLoading] = useState(loadingAtFirst);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    load()
      .then((d) => {
        if (!alive) return;
        setData(d);
        onLoaded?.(d);
      })
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  return { data, loading, error, setError, reload };
}
