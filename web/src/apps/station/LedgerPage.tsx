/**
 * 台帐: the papers of proxy cases held here, batches coming in (receive them, also by scanning the
 * transfer list's QR code: /station/ledger?receive=<id>&t=<token>), handing a selection over to a
 * neighbouring place, and handing a result back to the applicant against their signature.
 * Built on the ledger contract (src/contract/ledger.ts); a server without the ledger API answers
 * 404 and the page says the ledger is not available yet.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Modal, Result, Select, Spin, Tag } from 'antd';
import { PlainList } from './PlainList';
import { ApiRequestError, api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { zonedDateTime } from '../../shared/time-zone';
import type { Handover, HandoverBody, LedgerEntry, LedgerView, ReturnBody } from '#contract/ledger.js';
import { useStationT } from './station-t';

export function LedgerPage({ online }: { online: boolean }) {
  const t = useStationT();
  const { message } = App.useApp();
  const [view, setView] = useState<LedgerView | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [to, setTo] = useState<string | undefined>(undefined);
  const [carrier, setCarrier] = useState('');
  const [note, setNote] = useState('');
  const [returning, setReturning] = useState<LedgerEntry | null>(null);
  const [signedBy, setSignedBy] = useState('');
  const scanned = new URLSearchParams(window.location.search);

  const load = useCallback(async () => {
    try {
      setView(await api.get<LedgerView>('/api/ledger'));
      setError(null);
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 404) setMissing(true);
      else setError(errorMessage(e, t));
    }
  }, [t]);

  useEffect(() => {
    if (online) void load();
  }, [online, load]);

  async function act(fn: () => Promise<unknown>, done: string) {
    try {
      await fn();
      message.success(done);
      await load();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }

  const receive = (h: Pick<Handover, 'id'> & { batchNo?: string }, token?: string) =>
    act(() => api.post(`/api/ledger/handovers/${h.id}/receive`, token ? { token } : {}), t('ledger.received', { no: h.batchNo ?? `#${h.id}` }));

  async function handOver() {
    if (!to || !carrier.trim() || picked.length === 0) return message.warning(t('ledger.pick'));
    const body: HandoverBody = { to, carrier: carrier.trim(), note: note.trim() || undefined, entryIds: picked };
    await act(async () => {
      const sent = await api.post<Handover>('/api/ledger/handovers', body);
      window.open(sent.printUrl, '_blank');
      setPicked([]);
    }, t('ledger.send'));
  }

  if (!online) return <Result status="warning" title={t('ledger.offline')} />;
  if (missing) return <Result status="info" title={t('ledger.unavailable')} data-testid="ledger-unavailable" />;
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!view) return <Spin />;

  const scanId = Number(scanned.get('receive'));
  const scanToken = scanned.get('t') ?? undefined;
  return (
    <div className="station-page" data-testid="ledger-page">
      {scanId > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('ledger.scanReceive', { id: scanId })}
          action={<Button size="small" type="primary" onClick={() => void receive({ id: scanId }, scanToken)}>{t('ledger.receive')}</Button>}
        />
      )}
      <Card size="small" title={t('ledger.incoming')}>
        <PlainList
          items={view.incoming}
          rowKey={(h) => h.id}
          empty={<Empty description={t('ledger.noneIncoming')} />}
          render={(h) => (
            <>
              <div>
                <b>{h.batchNo}</b> · {h.from.name} → {h.to.name}
                <div className="station-small">{h.carrier} · {zonedDateTime(h.sentAt)} · {h.entries.length}</div>
              </div>
              <Button size="small" type="primary" onClick={() => void receive(h)}>{t('ledger.receive')}</Button>
            </>
          )}
        />
      </Card>
      <Card size="small" title={t('ledger.here')}>
        <PlainList
          items={view.here}
          rowKey={(e) => e.id}
          empty={<Empty description={t('ledger.noneHere')} />}
          render={(e) => (
              <div className="station-ledger-entry">
                <Checkbox checked={picked.includes(e.id)} onChange={(c) => setPicked((p) => (c.target.checked ? [...p, e.id] : p.filter((x) => x !== e.id)))}>
                  <Tag>{e.kind === 'result' ? t('ledger.kind.result') : t('ledger.kind.material')}</Tag>
                  {e.name} ×{e.copies}
                </Checkbox>
                <div className="station-small">{e.caseNo} · {e.itemName} · {e.applicantName} · {t('ledger.held', { n: e.heldHours })}</div>
                {e.kind === 'result' && e.home.code === view.place.code && (
                  <Button size="small" onClick={() => { setReturning(e); setSignedBy(''); }}>{t('ledger.return')}</Button>
                )}
              </div>
          )}
        />
        {view.here.length > 0 && (
          <div className="station-handover">
            <Select value={to} onChange={setTo} placeholder={t('ledger.to')} aria-label={t('ledger.to')} style={{ width: '100%' }}
              options={view.neighbours.map((n) => ({ value: n.code, label: n.name }))} />
            <Input value={carrier} onChange={(e) => setCarrier(e.target.value)} placeholder={t('ledger.carrier')} aria-label={t('ledger.carrier')} maxLength={50} />
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('ledger.note')} aria-label={t('ledger.note')} maxLength={200} />
            <Button type="primary" block disabled={picked.length === 0} onClick={() => void handOver()}>{t('ledger.handover')}</Button>
          </div>
        )}
      </Card>
      <Card size="small" title={t('ledger.sent')}>
        <PlainList
          items={view.sent}
          rowKey={(h) => h.id}
          render={(h) => (
            <>
              <span><b>{h.batchNo}</b> → {h.to.name} · {zonedDateTime(h.sentAt)}</span>
              <a href={h.printUrl} target="_blank" rel="noreferrer">{t('ledger.printList')}</a>
            </>
          )}
        />
      </Card>
      <Modal
        open={!!returning}
        title={t('ledger.return')}
        onCancel={() => setReturning(null)}
        okButtonProps={{ disabled: !signedBy.trim() }}
        onOk={() => {
          const e = returning!;
          const body: ReturnBody = { proof: { kind: 'signature', name: signedBy.trim() } };
          setReturning(null);
          void act(() => api.post(`/api/ledger/entries/${e.id}/return`, body), t('ledger.returned'));
        }}
      >
        <Input value={signedBy} onChange={(e) => setSignedBy(e.target.value)} placeholder={t('ledger.signedBy')} aria-label={t('ledger.signedBy')} maxLength={50} />
      </Modal>
    </div>
  );
}
