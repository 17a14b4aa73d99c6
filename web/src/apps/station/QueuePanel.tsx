/**
 * 本机待提交: the intakes recorded on this device, pending or refused by the server (with its
 * message, to correct or remove), and the last ones sent with their case numbers.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Tag } from 'antd';
import { PlainList } from './PlainList';
import { maskName } from '@domain/identity';
import { zonedDateTime } from '../../shared/time-zone';
import { useStationT } from './station-t';
import { deleteQueued, kvGet, queued, type QueuedIntake, type SyncedIntake } from './offline-store';
import { onQueueChange, queueChanged, syncQueue, syncedKey } from './sync';

export function QueuePanel({ user, online, onEdit }: { user: string; online: boolean; onEdit: (r: QueuedIntake) => void }) {
  const t = useStationT();
  const { message } = App.useApp();
  const [records, setRecords] = useState<QueuedIntake[]>([]);
  const [synced, setSynced] = useState<SyncedIntake[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setRecords(await queued(user));
    setSynced(((await kvGet<SyncedIntake[]>(syncedKey(user))) ?? []).slice(0, 5));
  }, [user]);

  useEffect(() => {
    void load();
    return onQueueChange(() => void load());
  }, [load]);

  async function syncNow() {
    setBusy(true);
    try {
      const n = await syncQueue(user);
      if (n > 0) message.success(t('queue.sent', { n }));
    } finally {
      setBusy(false);
    }
  }

  // Nothing on the device: one quiet line, so the item search stays at the top of a phone's screen.
  if (records.length === 0 && synced.length === 0) return <p className="station-small station-queue-empty" data-testid="queue-empty">{t('queue.empty')}</p>;
  return (
    <Card
      size="small"
      className="station-queue"
      title={`${t('queue.title')}（${records.length}）`}
      extra={records.some((r) => r.state === 'pending') && online ? <Button size="small" loading={busy} onClick={() => void syncNow()} data-testid="queue-sync">{t('queue.syncNow')}</Button> : null}
      data-testid="queue-panel"
    >
      {records.length === 0 && <p className="station-small" data-testid="queue-empty">{t('queue.empty')}</p>}
      <PlainList
        items={records}
        rowKey={(r) => r.key}
        render={(r) => (
            <div className="station-queue-item" data-testid="queue-item" data-state={r.state}>
              <Space wrap size={4}>
                <Tag color={r.state === 'refused' ? 'error' : 'processing'}>{r.state === 'refused' ? t('queue.refused') : t('queue.pending')}</Tag>
                <b>{r.itemName}</b>
                <span>{maskName(r.body.applicant.name)}</span>
              </Space>
              <span className="station-small">{t('queue.recordedAt', { at: zonedDateTime(r.recordedAt) })}</span>
              {r.error && <Alert type="error" showIcon title={r.error.message} data-testid="queue-error" />}
              {r.state === 'refused' && (
                <Space wrap>
                  <Button size="small" onClick={() => onEdit(r)} data-testid="queue-edit">{t('queue.edit')}</Button>
                  <Popconfirm title={t('queue.removeConfirm')} onConfirm={async () => { await deleteQueued(r.key); queueChanged(); }}>
                    <Button size="small" danger data-testid="queue-remove">{t('queue.remove')}</Button>
                  </Popconfirm>
                </Space>
              )}
            </div>
        )}
      />
      {synced.length > 0 && (
        <PlainList
          header={t('queue.synced')}
          items={synced}
          rowKey={(s) => s.key}
          render={(s) => (
            <span className="station-queue-item" data-testid="synced-item">
              <a href={`/station/cases/${encodeURIComponent(s.answer.caseNo)}`} className="station-caseno">{s.answer.caseNo}</a>
              <span className="station-small">{s.itemName} · {maskName(s.applicantName)}</span>
            </span>
          )}
        />
      )}
    </Card>
  );
}
