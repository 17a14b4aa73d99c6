import { useEffect, useState, type DependencyList } from 'react';
import { Button, Input, Space } from 'antd';
import { api } from '../../../shared/api';
import { useLocation } from '../../../shared/router';
import { useFetched } from '../../../shared/use-fetched';
import { useSupervisionT } from './messages';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Period = { from: string; to: string };

/**
 * A report over the period in the address (?from=&to=; none asks for the server's default period).
 * The picker's draft follows the address, and shows the period the server chose when none was asked.
 */
export function usePeriodReport<R extends Period>(path: string, params: Record<string, string | undefined>, deps: DependencyList) {
  const t = useSupervisionT();
  const { query } = useLocation();
  const from = DATE.test(query.get('from') ?? '') ? query.get('from')! : '';
  const to = DATE.test(query.get('to') ?? '') ? query.get('to')! : '';
  const [draft, setDraft] = useState<Period>({ from, to });
  useEffect(() => setDraft({ from, to }), [from, to]);
  const fetched = useFetched(t, () => api.get<R>(path, { from: from || undefined, to: to || undefined, ...params }), [from, to, ...deps], {
    onLoaded: (r) => !from && setDraft({ from: r.from, to: r.to }),
  });
  return { from, to, draft, setDraft, ...fetched };
}

/** The two dates of a period and the button that asks for it. */
export function PeriodPicker({ draft, setDraft, testId, onQuery }: { draft: Period; setDraft: (p: Period) => void; testId: string; onQuery: () => void }) {
  const t = useSupervisionT();
  return (
    <Space.Compact>
      <Input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} aria-label={t('common.from')} style={{ width: 160 }} data-testid={`${testId}-from`} />
      <Input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} aria-label={t('common.to')} style={{ width: 160 }} data-testid={`${testId}-to`} />
      <Button type="primary" onClick={onQuery} data-testid={`${testId}-query`}>
        {t('common.query')}
      </Button>
    </Space.Compact>
  );
}
