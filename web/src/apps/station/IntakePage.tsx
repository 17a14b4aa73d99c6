/**
 * 受理: pick an item open here, the applicant (checked with the desk's validators), the one-time
 * checklist, the villager's authorization (signed paper form or SMS code), submit with an
 * Idempotency-Key. Offline (or when the send fails for want of a network) the intake is saved on
 * the device with its own key and sent later (./sync.ts); paper authorization only, since the SMS
 * code needs the server.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Input, Radio, Space, Tag, Typography } from 'antd';
import { PlainList } from './PlainList';
import { CameraOutlined, PrinterOutlined, SearchOutlined } from '@ant-design/icons';
import { ApiRequestError, api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useI18n } from '../../shared/i18n';
import { zonedDateTime } from '../../shared/time-zone';
import type { IntakeAnswer, IntakeBody } from '#contract/cases.js';
import type { ConfirmationAnswer, NetworkItem } from '#contract/network.js';
import { idNumberError, normalizeIdInput, normalizePhoneInput, phoneError } from '../desk/validation';
import { useStationT } from './station-t';
import { matchItems, useOpenItems } from './items';
import { deleteQueued, newIntakeKey, putQueued, type QueuedIntake, type StoredPhoto } from './offline-store';
import { queueChanged } from './sync';
import { QueuePanel } from './QueuePanel';

type Outcome = { kind: 'sent'; answer: IntakeAnswer } | { kind: 'saved'; itemName: string };

interface Draft {
  name: string;
  idNumber: string;
  phone: string;
  provided: Record<string, boolean>;
  auth: 'paper' | 'sms';
  signed: boolean;
  confirmationId: number | null;
  code: string;
  photos: StoredPhoto[];
}

const emptyDraft = (): Draft => ({ name: '', idNumber: '', phone: '', provided: {}, auth: 'paper', signed: false, confirmationId: null, code: '', photos: [] });

export function IntakePage({ active, user, online, channel }: { active: boolean; user: string; online: boolean; channel: 'township' | 'village' }) {
  const t = useStationT();
  const { lang } = useI18n();
  const { copy } = useOpenItems(user, online);
  const [query, setQuery] = useState('');
  const [item, setItem] = useState<NetworkItem | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [codeSentTo, setCodeSentTo] = useState<string | null>(null);
  // One key per intake: a second press after a lost answer sends the same key, so no second case.
  const key = useRef(newIntakeKey());
  /** The refused record being corrected: removed once its correction is sent or saved. */
  const correcting = useRef<string | null>(null);

  const items = copy?.list.items ?? [];
  const found = useMemo(() => matchItems(items, query).slice(0, 30), [items, query]);
  const itemName = (i: NetworkItem) => (lang === 'en' && i.nameEn ? i.nameEn : i.name);
  const materialName = (m: NetworkItem['materials'][number]) => (lang === 'en' && m.nameEn ? m.nameEn : m.name);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const idErr = idNumberError(draft.idNumber, touched);
  const phoneErr = phoneError(draft.phone, touched);
  const nameErr = touched && !draft.name.trim() ? 'v.nameRequired' : null;
  const missing = item ? item.materials.filter((m) => m.required && !draft.provided[m.code]) : [];
  const smsUsable = online && draft.auth === 'sms';
  const authErr = touched && (draft.auth === 'paper' ? !draft.signed : !(draft.confirmationId && /^\d{6}$/.test(draft.code)));

  function reset() {
    setItem(null);
    setQuery('');
    setDraft(emptyDraft());
    setTouched(false);
    setError(null);
    setOutcome(null);
    setCodeSentTo(null);
    key.current = newIntakeKey();
    correcting.current = null;
  }

  function body(): IntakeBody {
    return {
      itemCode: item!.code,
      applicant: { kind: 'person', name: draft.name.trim(), idNumber: draft.idNumber, phone: draft.phone },
      channel,
      materials: item!.materials.map((m) => ({ code: m.code, provided: !!draft.provided[m.code] })),
      authorization: draft.auth === 'paper' ? { kind: 'paper' } : { kind: 'sms', confirmationId: draft.confirmationId ?? undefined, code: draft.code },
    };
  }

  async function saveOnDevice(b: IntakeBody) {
    const record: QueuedIntake = { key: key.current, user, body: b, itemName: item!.name, recordedAt: new Date().toISOString(), state: 'pending', attempts: 0, photos: draft.photos };
    await putQueued(record);
    if (correcting.current) await deleteQueued(correcting.current);
    queueChanged();
    setOutcome({ kind: 'saved', itemName: item!.name });
  }

  async function submit() {
    setTouched(true);
    setError(null);
    if (!item) return setError(t('form.pickItem'));
    if (!draft.name.trim() || idNumberError(draft.idNumber, true) || phoneError(draft.phone, true)) return;
    if (draft.auth === 'paper' && !draft.signed) return setError(t('form.signedRequired'));
    if (draft.auth === 'sms' && !(draft.confirmationId && /^\d{6}$/.test(draft.code))) return setError(t('form.codeRequired'));
    const b = body();
    setBusy(true);
    try {
      if (!online) {
        await saveOnDevice(b);
        return;
      }
      const answer = await api.post<IntakeAnswer>('/api/cases', b, { 'Idempotency-Key': key.current });
      if (correcting.current) {
        await deleteQueued(correcting.current);
        queueChanged();
      }
      setOutcome({ kind: 'sent', answer });
    } catch (e) {
      // No answer at all: the network dropped. Keep it on the device, under the same key.
      if (e instanceof ApiRequestError && e.status === 0 && draft.auth === 'paper') await saveOnDevice(b);
      else setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  }

  async function sendCode() {
    setTouched(true);
    if (!item || phoneError(draft.phone, true)) return;
    try {
      const sent = await api.post<ConfirmationAnswer>('/api/network/confirmations', { phone: draft.phone, itemCode: item.code });
      set('confirmationId', sent.id);
      setCodeSentTo(draft.phone);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }

  function edit(record: QueuedIntake) {
    const it = items.find((i) => i.code === record.body.itemCode) ?? null;
    reset();
    setItem(it);
    setDraft({
      ...emptyDraft(),
      name: record.body.applicant.name,
      idNumber: record.body.applicant.idNumber ?? '',
      phone: record.body.applicant.phone,
      provided: Object.fromEntries(record.body.materials.map((m) => [m.code, m.provided])),
      signed: true,
      photos: record.photos,
    });
    if (record.error) setError(record.error.message);
    correcting.current = record.key;
    window.scrollTo({ top: 0 });
  }

  async function addPhotos(files: FileList | null) {
    if (!files) return;
    const added = Array.from(files).map((f) => ({ name: f.name, type: f.type, data: f as Blob }));
    set('photos', [...draft.photos, ...added]);
  }

  useEffect(() => {
    if (!online) set('auth', 'paper');
  }, [online]);

  if (!active) return null;

  if (outcome) {
    return (
      <div className="station-page" data-testid="intake-page">
        {outcome.kind === 'sent' ? (
          <Card title={t('receipt.title')} data-testid="intake-receipt">
            <p>{t('receipt.caseNo')}：<b className="station-caseno" data-testid="receipt-case-no">{outcome.answer.caseNo}</b></p>
            {outcome.answer.missingMaterials.length > 0 && (
              <Alert type="warning" showIcon title={t('receipt.missing')} description={outcome.answer.missingMaterials.map((m) => m.name).join('、')} data-testid="receipt-missing" />
            )}
            <Space wrap style={{ marginTop: 12 }}>
              <Button icon={<PrinterOutlined />} href={outcome.answer.links.receipt} target="_blank">{t('receipt.print')}</Button>
              <Button type="primary" onClick={reset} data-testid="intake-next">{t('form.reset')}</Button>
            </Space>
          </Card>
        ) : (
          <Card title={t('receipt.saved')} data-testid="intake-saved">
            <p>{outcome.itemName}</p>
            <p>{t('receipt.savedHint')}</p>
            <Button type="primary" onClick={reset} data-testid="intake-next">{t('form.reset')}</Button>
          </Card>
        )}
        <QueuePanel user={user} online={online} onEdit={edit} />
      </div>
    );
  }

  return (
    <div className="station-page" data-testid="intake-page">
      <QueuePanel user={user} online={online} onEdit={edit} />
      {!item ? (
        <section aria-labelledby="pick-item">
          <Input
            prefix={<SearchOutlined />}
            allowClear
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('items.search')}
            aria-label={t('items.search')}
            data-testid="item-search"
            size="large"
          />
          <Typography.Text type="secondary" className="station-small" id="pick-item" data-testid="items-copy">
            {copy ? (online ? t('items.copy', { n: items.length, at: zonedDateTime(copy.fetchedAt) }) : t('items.offlineCopy', { at: zonedDateTime(copy.fetchedAt) })) : t('items.loading')}
          </Typography.Text>
          <PlainList
            className="station-item-list"
            items={found}
            rowKey={(i) => i.code}
            empty={<Empty description={t('items.none')} />}
            render={(i) => (
                <button type="button" className="station-item" onClick={() => setItem(i)} data-testid="item-option" data-code={i.code}>
                  <span className="station-item-name">{itemName(i)}</span>
                  <span className="station-small">{i.department.name} · {t('items.days', { n: i.promisedDays })} · {i.code}</span>
                </button>
            )}
          />
        </section>
      ) : (
        <form
          className="station-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Card size="small" title={itemName(item)} extra={<Button type="link" size="small" onClick={() => setItem(null)} data-testid="item-change">{t('items.change')}</Button>} data-testid="picked-item">
            <span className="station-small">{item.department.name} · {t('items.days', { n: item.promisedDays })}</span>
          </Card>

          <fieldset className="station-fieldset">
            <legend>{t('form.applicant')}</legend>
            <label className="station-field">
              <span>{t('form.name')}</span>
              <Input value={draft.name} maxLength={100} onChange={(e) => set('name', e.target.value)} status={nameErr ? 'error' : undefined} data-testid="applicant-name" autoComplete="off" />
              {nameErr && <span className="station-error">{t(nameErr)}</span>}
            </label>
            <label className="station-field">
              <span>{t('form.idNumber')}</span>
              <Input value={draft.idNumber} inputMode="text" onChange={(e) => set('idNumber', normalizeIdInput(e.target.value))} status={idErr ? 'error' : undefined} data-testid="applicant-id" autoComplete="off" />
              {idErr && <span className="station-error" data-testid="applicant-id-error">{t(idErr)}</span>}
            </label>
            <label className="station-field">
              <span>{t('form.phone')}</span>
              <Input value={draft.phone} inputMode="numeric" onChange={(e) => set('phone', normalizePhoneInput(e.target.value))} status={phoneErr ? 'error' : undefined} data-testid="applicant-phone" autoComplete="off" />
              {phoneErr && <span className="station-error" data-testid="applicant-phone-error">{t(phoneErr)}</span>}
            </label>
          </fieldset>

          <fieldset className="station-fieldset">
            <legend>{t('form.materials')}</legend>
            {item.materials.map((m) => (
              <div key={m.code} className="station-material">
                <Checkbox checked={!!draft.provided[m.code]} onChange={(e) => setDraft((d) => ({ ...d, provided: { ...d.provided, [m.code]: e.target.checked } }))} data-testid="material-check" data-code={m.code}>
                  {materialName(m)}
                </Checkbox>
                <span className="station-small">
                  <Tag color={m.required ? 'blue' : undefined}>{m.required ? t('form.required') : t('form.optional')}</Tag>
                  {t('form.copies', { n: m.copies })}
                </span>
              </div>
            ))}
            {missing.length > 0 && <Alert type="info" showIcon title={t('form.missing', { names: missing.map(materialName).join('、') })} data-testid="missing-hint" />}
            {/* Photos only with a record kept on the device: online, the papers travel through the ledger. */}
            {!online && <label className="station-photos">
              <CameraOutlined /> {t('form.photos')}
              <input type="file" accept="image/*" capture="environment" multiple onChange={(e) => void addPhotos(e.target.files)} data-testid="material-photos" />
              {draft.photos.length > 0 && <span className="station-small"> {t('form.photosCount', { n: draft.photos.length })}</span>}
            </label>}
          </fieldset>

          <fieldset className="station-fieldset">
            <legend>{t('form.auth')}</legend>
            <Radio.Group value={draft.auth} onChange={(e) => set('auth', e.target.value as Draft['auth'])} data-testid="auth-kind">
              <Radio value="paper" data-testid="auth-paper">{t('form.authPaper')}</Radio>
              <Radio value="sms" disabled={!online} data-testid="auth-sms">{t('form.authSms')}</Radio>
            </Radio.Group>
            {draft.auth === 'paper' ? (
              <div className="station-auth">
                {online ? (
                  <Button icon={<PrinterOutlined />} href={`/print/network/authorization?item=${encodeURIComponent(item.code)}`} target="_blank" data-testid="print-authorization">{t('form.printAuth')}</Button>
                ) : (
                  <span className="station-small">{t('form.printOffline')}</span>
                )}
                <Checkbox checked={draft.signed} onChange={(e) => set('signed', e.target.checked)} data-testid="auth-signed">{t('form.signed')}</Checkbox>
              </div>
            ) : !online ? (
              <span className="station-small">{t('form.smsOffline')}</span>
            ) : (
              <div className="station-auth">
                <Button onClick={() => void sendCode()} disabled={!smsUsable} data-testid="sms-send">{t('form.sendCode')}</Button>
                {codeSentTo && <span className="station-small">{t('form.codeSent', { phone: codeSentTo })}</span>}
                <Input value={draft.code} maxLength={6} inputMode="numeric" onChange={(e) => set('code', e.target.value.replace(/\D/g, ''))} placeholder={t('form.code')} aria-label={t('form.code')} data-testid="sms-code" />
              </div>
            )}
            {authErr && <span className="station-error">{draft.auth === 'paper' ? t('form.signedRequired') : t('form.codeRequired')}</span>}
          </fieldset>

          {error && <Alert type="error" showIcon title={error} data-testid="intake-error" />}
          <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="intake-submit">
            {online ? t('form.submit') : t('form.saveOffline')}
          </Button>
        </form>
      )}
    </div>
  );
}
