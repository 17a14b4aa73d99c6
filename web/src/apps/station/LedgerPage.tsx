/**
 * 台帐: the papers of proxy cases held here, batches coming in (receive them, also by scanning the
 * transfer list's QR code, which opens /station?receive=<id>&t=<token> and lands here), handing a
 * selection over to a neighbouring place, and handing a paper back to the applicant against their
 * signature or the code of an SMS sent to their phone. Shapes from src/contract/ledger.ts; a server
 * without the ledger API answers 404 and the page says the ledger is not available.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Modal, Radio, Result, Select, Spin, Tag } from 'antd';
import { PlainList } from './PlainList';
import { ApiRequestError, api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { zonedDateTime } from '../../shared/time-zone';
import type { Handover, HandoverBody, LedgerEntry, LedgerView, ReturnAnswer, ReturnBody, ReturnCodeAnswer } from '#contract/ledger.js';
import { useStationT } from './station-t';

/** The batch a scanned transfer list names, read once: the token is dropped from the address once used. */
function scannedBatch(): { id: number; token: string | undefined } | null {
  const q = new URLSearchParams(window.location.search);
  const id = Number(q.get('receive'));
  return Number.isInteger(id) && id > 0 ? { id, token: q.get('t') ?? undefined } : null;
}

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
  const [lastSent, setLastSent] = useState<Handover | null>(null);
  const [scan, setScan] = useState(scannedBatch);
  const [returning, setReturning] = useState<LedgerEntry | null>(null);
  const [proofKind, setProofKind] = useState<ReturnBody['proof']['kind']>('signature');
  const [signedBy, setSignedBy] = useState('');
  const [codeSent, setCodeSent] = useState<ReturnCodeAnswer | null>(null);
  const [code, setCode] = useState('');

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

  async function act<T>(fn: () => Promise<T>, done: (answer: T) => void): Promise<boolean> {
    try {
      done(await fn());
      await load();
      return true;
    } catch (e) {
      message.error(errorMessage(e, t));
      return false;
    }
  }

  const receive = (id: number, token?: string) =>
    act(() => api.post<Handover>(`/api/ledger/handovers/${id}/receive`, token ? { token } : {}), (h) => {
      message.success(t('ledger.received', { no: h.batchNo }));
      if (scan?.id === id) {
        // The token has done its work; a reload must not offer to receive the batch again.
        setScan(null);
        window.history.replaceState(window.history.state, '', '/station/ledger');
      }
    });

  async function handOver() {
    if (!to || !carrier.trim() || picked.length === 0) return void message.warning(t('ledger.pick'));
    const body: HandoverBody = { to, carrier: carrier.trim(), note: note.trim() || undefined, entryIds: picked };
    await act(() => api.post<Handover>('/api/ledger/handovers', body), (sent) => {
      // A window opened after the request would be stopped by the pop-up blocker: the list is a link to tap.
      setLastSent(sent);
      setPicked([]);
      setCarrier('');
      setNote('');
      message.success(t('ledger.sentOk', { no: sent.batchNo }));
    });
  }

  function openReturn(e: LedgerEntry) {
    setReturning(e);
    setProofKind('signature');
    setSignedBy('');
    setCodeSent(null);
    setCode('');
  }

  const sendCode = (e: LedgerEntry) =>
    act(() => api.post<ReturnCodeAnswer>(`/api/ledger/entries/${e.id}/return-code`), (answer) => {
      setCodeSent(answer);
      message.success(t('ledger.codeSent', { phone: answer.phone }));
    });

  async function handBack() {
    const e = returning!;
    const body: ReturnBody = proofKind === 'signature'
      ? { proof: { kind: 'signature', name: signedBy.trim() } }
      : { proof: { kind: 'sms_code', code } };
    const ok = await act(() => api.post<ReturnAnswer>(`/api/ledger/entries/${e.id}/return`, body), (answer) => {
      message.success(answer.caseDelivered ? t('ledger.returnedDelivered') : t('ledger.returned'));
      if (answer.note) message.warning(answer.note);
    });
    if (ok) setReturning(null);
  }

  if (!online) return <Result status="warning" title={t('ledger.offline')} />;
  if (missing) return <Result status="info" title={t('ledger.unavailable')} data-testid="ledger-unavailable" />;
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!view) return <Spin />;

  const scannedNo = scan ? view.incoming.find((h) => h.id === scan.id)?.batchNo : undefined;
  const proofReady = proofKind === 'signature' ? signedBy.trim() !== '' : /^[0-9]{6}$/.test(code) && codeSent !== null;
  return (
    <div className="station-page" data-testid="ledger-page" data-place={view.place.code}>
      {scan && (
        <Alert
          type="info"
          showIcon
          data-testid="scan-receive"
          title={t('ledger.scanReceive', { id: scannedNo ?? `#${scan.id}` })}
          action={<Button size="small" type="primary" data-testid="scan-receive-confirm" onClick={() => void receive(scan.id, scan.token)}>{t('ledger.receive')}</Button>}
        />
      )}
      {lastSent && (
        <Alert
          type="success"
          showIcon
          data-testid="handover-sent"
          data-batch-no={lastSent.batchNo}
          title={t('ledger.sentOk', { no: lastSent.batchNo })}
          description={`${lastSent.from.name} → ${lastSent.to.name} · ${lastSent.carrier}`}
          action={<a href={lastSent.printUrl} target="_blank" rel="noreferrer" data-testid="handover-print">{t('ledger.printList')}</a>}
        />
      )}
      <Card size="small" title={t('ledger.incoming')}>
        <PlainList
          items={view.incoming}
          rowKey={(h) => h.id}
          empty={<Empty description={t('ledger.noneIncoming')} />}
          render={(h) => (
            <div className="station-ledger-batch" data-testid="incoming-batch" data-batch-no={h.batchNo}>
              <div>
                <b>{h.batchNo}</b> · {h.from.name} → {h.to.name}
                <div className="station-small">{h.carrier} · {zonedDateTime(h.sentAt)} · {h.entries.length}</div>
              </div>
              <Button size="small" type="primary" onClick={() => void receive(h.id)}>{t('ledger.receive')}</Button>
            </div>
          )}
        />
      </Card>
      <Card size="small" title={t('ledger.here')}>
        <PlainList
          items={view.here}
          rowKey={(e) => e.id}
          empty={<Empty description={t('ledger.noneHere')} />}
          render={(e) => (
            <div className="station-ledger-entry" data-testid="ledger-entry" data-case-no={e.caseNo} data-kind={e.kind} data-entry-id={e.id}>
              <Checkbox
                data-testid="ledger-pick"
                checked={picked.includes(e.id)}
                onChange={(c) => setPicked((p) => (c.target.checked ? [...p, e.id] : p.filter((x) => x !== e.id)))}
              >
                <Tag>{e.kind === 'result' ? t('ledger.kind.result') : t('ledger.kind.material')}</Tag>
                {e.name} ×{e.copies}
              </Checkbox>
              <div className="station-small">{e.caseNo} · {e.itemName} · {e.applicantName} · {t('ledger.held', { n: e.heldHours })}</div>
              {/* The server hands a paper back only at the applicant's own place: elsewhere the button would only be refused. */}
              {e.kind === 'result' && e.home.code === view.place.code && (
                <Button size="small" data-testid="ledger-return" onClick={() => openReturn(e)}>{t('ledger.return')}</Button>
              )}
            </div>
          )}
        />
        {view.here.length > 0 && (
          <div className="station-handover">
            <Select value={to} onChange={setTo} placeholder={t('ledger.to')} aria-label={t('ledger.to')} style={{ width: '100%' }} data-testid="handover-to"
              options={view.neighbours.map((n) => ({ value: n.code, label: n.name }))} />
            <Input value={carrier} onChange={(e) => setCarrier(e.target.value)} placeholder={t('ledger.carrier')} aria-label={t('ledger.carrier')} maxLength={50} data-testid="handover-carrier" />
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('ledger.note')} aria-label={t('ledger.note')} maxLength={200} data-testid="handover-note" />
            <Button type="primary" block disabled={picked.length === 0} onClick={() => void handOver()} data-testid="handover-submit">{t('ledger.handover')}</Button>
          </div>
        )}
      </Card>
      <Card size="small" title={t('ledger.sent')}>
        <PlainList
          items={view.sent}
          rowKey={(h) => h.id}
          render={(h) => (
            <div className="station-ledger-batch" data-testid="sent-batch" data-batch-no={h.batchNo}>
              <span><b>{h.batchNo}</b> → {h.to.name} · {zonedDateTime(h.sentAt)}</span>
              <a href={h.printUrl} target="_blank" rel="noreferrer">{t('ledger.printList')}</a>
            </div>
          )}
        />
      </Card>
      <Modal
        open={!!returning}
        title={t('ledger.return')}
        onCancel={() => setReturning(null)}
        okButtonProps={{ disabled: !proofReady, 'data-testid': 'return-ok' }}
        onOk={() => void handBack()}
      >
        {returning && (
          <div className="station-handover" data-testid="return-dialog">
            <div className="station-small">{returning.caseNo} · {returning.name} · {returning.applicantName}</div>
            <Radio.Group value={proofKind} onChange={(e) => setProofKind(e.target.value as ReturnBody['proof']['kind'])} optionType="button"
              options={[{ value: 'signature', label: t('ledger.proof.signature') }, { value: 'sms_code', label: t('ledger.proof.sms') }]} />
            {proofKind === 'signature' ? (
              <Input value={signedBy} onChange={(e) => setSignedBy(e.target.value)} placeholder={t('ledger.signedBy')} aria-label={t('ledger.signedBy')} maxLength={50} data-testid="return-signed-by" />
            ) : (
              <>
                <Button onClick={() => void sendCode(returning)} data-testid="return-send-code">{t('ledger.sendCode')}</Button>
                {codeSent && <div className="station-small">{t('ledger.codeSent', { phone: codeSent.phone })}</div>}
                <Input value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} inputMode="numeric" maxLength={6}
                  placeholder={t('ledger.code')} aria-label={t('ledger.code')} data-testid="return-code" />
              </>
            )}
          </div>
        )}
      </Modal>
    </div>
  );
}
