/**
 * 办件 and 待领取: the proxy cases taken here (an agent's room, a station's township), newest
 * first, with status and due date. The last list fetched is kept on the device and shown offline
 * with its date.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Select, Space, Spin } from 'antd';
import { PlainList } from './PlainList';
import { api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { zonedDateTime } from '../../shared/time-zone';
import { CaseStatusTag, WarningDot, statusLabel } from '../../shared/case';
import { CASE_STATUSES } from '@domain/case-status';
import type { NetworkCasesPage } from '#contract/network.js';
import { useStationT } from './station-t';
import { kvGet, kvSet } from './offline-store';

interface CasesCopy {
  page: NetworkCasesPage;
  fetchedAt: string;
}

const PAGE_SIZE = 20;

export function CasesPage({ user, online, waiting }: { user: string; online: boolean; waiting: boolean }) {
  const t = useStationT();
  const { lang } = useI18n();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [copy, setCopy] = useState<CasesCopy | null>(null);
  const [fromDevice, setFromDevice] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pages, setPages] = useState(1);
  const storeKey = `${waiting ? 'waiting' : 'cases'}:${user}`;

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    const fromStore = () => kvGet<CasesCopy>(storeKey).then((kept) => {
      if (!alive) return;
      setCopy(kept ?? null);
      setFromDevice(true);
    });
    if (!online) {
      void fromStore().finally(() => alive && setLoading(false));
    } else {
      api.get<NetworkCasesPage>('/api/network/cases', { waiting: waiting || undefined, status, page: 1, pageSize: PAGE_SIZE * pages })
        .then(async (page) => {
          const next = { page, fetchedAt: new Date().toISOString() };
          // Only the unfiltered list is kept for offline use: it is the one the agent opens first.
          if (!status) await kvSet(storeKey, next);
          if (!alive) return;
          setCopy(next);
          setFromDevice(false);
        })
        .catch(async (e) => {
          if (alive) setError(errorMessage(e, t));
          await fromStore();
        })
        .finally(() => alive && setLoading(false));
    }
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [online, status, pages, waiting, storeKey]);

  const rows = copy?.page.items ?? [];
  return (
    <div className="station-page" data-testid={waiting ? 'waiting-page' : 'cases-page'}>
      {waiting ? (
        <p className="station-small">{t('waiting.hint')}</p>
      ) : (
        <Space wrap>
          <Select
            className="station-status"
            allowClear
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPages(1);
            }}
            placeholder={t('cases.all')}
            aria-label={t('cases.filter')}
            disabled={!online}
            data-testid="cases-status"
            options={CASE_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))}
          />
        </Space>
      )}
      {fromDevice && copy && <Alert type="warning" showIcon title={t('cases.offline', { at: zonedDateTime(copy.fetchedAt) })} data-testid="cases-offline" />}
      {error && !copy && <Alert type="error" showIcon title={error} />}
      {loading && !copy ? (
        <Spin />
      ) : (
        <PlainList
          className="station-cases"
          items={rows}
          rowKey={(c) => c.caseNo}
          empty={<Empty description={waiting ? t('waiting.empty') : t('cases.empty')} />}
          render={(c) => (
              <div className="station-case" data-testid="case-row" data-case-no={c.caseNo}>
                <div className="station-case-top">
                  <Link href={`/station/cases/${encodeURIComponent(c.caseNo)}`} className="station-caseno">{c.caseNo}</Link>
                  <CaseStatusTag status={c.status} />
                  <WarningDot warning={c.warning} />
                </div>
                <div>{c.item.name}</div>
                <div className="station-small">{c.applicantName} {c.applicantPhone} · {t('cases.by', { place: c.place.name, name: c.takenBy })}</div>
                <div className="station-small">
                  {t('cases.received', { at: zonedDateTime(c.receivedAt) })}
                  {c.completedAt ? ` · ${t('cases.completed', { at: zonedDateTime(c.completedAt) })}` : c.dueDate ? ` · ${t('cases.due', { date: c.dueDate })}` : ''}
                </div>
              </div>
          )}
        />
      )}
      {online && copy && copy.page.total > rows.length && (
        <Button block onClick={() => setPages((p) => p + 1)} loading={loading}>{t('cases.more')}</Button>
      )}
    </div>
  );
}
