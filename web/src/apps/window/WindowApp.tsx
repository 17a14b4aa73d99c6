/**
 * The window's panel (窗口叫号) at /window/<number>: call the next ticket, call again, mark absent,
 * transfer, start and finish the service (linking the case it produced). Staff pick their window
 * at /window; the board and the estimates count the window open while someone sits at it.
 */
import { zonedTime } from '../../shared/time-zone';
import { useCallback, useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { App as AntApp, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Layout, Modal, Radio, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { api, fetchMe, onUnauthorized, seg } from '../../shared/api';
import type { Me } from '#contract/auth.js';
import { errorMessage } from '../../shared/errors';
import { useAppT } from '../../shared/i18n';
import { LangSwitch } from '../../shared/LangSwitch';
import { windowMessages } from './messages';
import './window.css';
import type { CallAnswer, QueueCategory as Category, StaffWindow as WindowRow, Ticket, TicketAnswer, WindowPanel as Panel } from '#contract/queue.js';

const { Header, Content } = Layout;


const useWindowT = () => useAppT(windowMessages);

function toLogin(): void {
  window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
}

function PickWindow() {
  const t = useWindowT();
  const [rows, setRows] = useState<WindowRow[] | null>(null);
  useEffect(() => { void api.get<WindowRow[]>('/api/queue/windows').then(setRows); }, []);
  if (!rows) return <Spin />;
  return (
    <Card title={t('pick')}>
      <Space wrap size="large">
        {rows.map((w) => (
          <Button key={w.number} size="large" style={{ height: 96, minWidth: 160 }} href={`/window/${w.number}`}>
            <div style={{ fontSize: 22 }}>{w.name}</div>
            <div>{w.categories.map((c) => c.prefix).join(' ')}{w.staffName ? ` · ${w.staffName}` : ''}</div>
          </Button>
        ))}
      </Space>
    </Card>
  );
}

function TransferDialog({ ticket, open, onClose, onDone, categories }: {
  ticket: Ticket; open: boolean; onClose: () => void; onDone: () => void; categories: Category[];
}) {
  const t = useWindowT();
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<'category' | 'window'>('category');
  const [category, setCategory] = useState<string>();
  const [win, setWin] = useState<number | null>(null);
  async function submit() {
    try {
      await api.post(`/api/queue/tickets/${ticket.id}/transfer`, kind === 'category' ? { category } : { window: win });
      message.success(t('transferred', { no: ticket.ticketNo }));
      onDone();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }
  return (
    <Modal open={open} title={t('transferTitle', { no: ticket.ticketNo })} onCancel={onClose} onOk={submit} okText={t('transfer')}
      okButtonProps={{ disabled: kind === 'category' ? !category : !win }}>
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} style={{ marginBottom: 12 }}>
        <Radio value="category">{t('toCategory')}</Radio>
        <Radio value="window">{t('toWindow')}</Radio>
      </Radio.Group>
      {kind === 'category' ? (
        <Select aria-label={t('toCategory')} style={{ width: '100%' }} value={category} onChange={setCategory}
          options={categories.map((c) => ({ value: c.prefix, label: `${c.prefix} ${c.name}` }))} />
      ) : (
        <InputNumber aria-label={t('toWindow')} min={1} max={999} value={win} onChange={(v) => setWin(v)} style={{ width: '100%' }} />
      )}
    </Modal>
  );
}


/** 代取号: the desk takes a ticket for someone at the door who cannot use the kiosk, and prints the slip. */
function IssueDialog({ categories, onClose }: { categories: Category[]; onClose: () => void }) {
  const t = useWindowT();
  const { message } = AntApp.useApp();
  const [category, setCategory] = useState<string>();
  const [mobile, setMobile] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Ticket | null>(null);
  async function submit() {
    setBusy(true);
    try {
      setIssued(await api.post<Ticket>('/api/queue/tickets', { category, ...(mobile.trim() ? { mobile: mobile.trim() } : {}) }));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  }
  if (issued) {
    return (
      <Modal open title={t('issuedTitle')} onCancel={onClose} footer={[
        <Button key="close" onClick={onClose}>{t('close')}</Button>,
        <Button key="print" type="primary" href={`/print/queue-ticket/${seg(issued.token)}`} target="_blank" data-testid="issue-print">{t('printSlip')}</Button>,
      ]}>
        <div style={{ textAlign: 'center' }}>
          <span className="window-ticket" data-testid="issued-ticket">{issued.ticketNo}</span>
          <div>{issued.category.prefix} {issued.category.name} · {t('issuedAhead', { n: issued.ahead })}</div>
        </div>
      </Modal>
    );
  }
  return (
    <Modal open title={t('issueTitle')} onCancel={onClose} onOk={submit} okText={t('issueOk')}
      okButtonProps={{ disabled: !category || busy, 'data-testid': 'issue-ok' }}>
      <Form layout="vertical">
        <Form.Item label={t('issueCategory')} required>
          <Radio.Group value={category} onChange={(e) => setCategory(e.target.value)} data-testid="issue-category">
            <Space orientation="vertical">
              {categories.map((c) => <Radio key={c.prefix} value={c.prefix}>{c.prefix} {c.name}</Radio>)}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('issueMobile')} extra={t('issueMobileHint')}>
          <Input value={mobile} maxLength={11} inputMode="numeric" onChange={(e) => setMobile(e.target.value)} data-testid="issue-mobile" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WindowPanel({ number }: { number: number }) {
  const t = useWindowT();
  const { message } = AntApp.useApp();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [busy, setBusy] = useState(false);
  const [caseNo, setCaseNo] = useState('');
  const [transferring, setTransferring] = useState(false);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  // Bumped on every reload, so the waiting list follows the same events as the panel (the live feed, own steps).
  const [refreshed, setRefreshed] = useState(0);

  const load = useCallback(async () => {
    setRefreshed((n) => n + 1);
    try {
      setPanel(await api.get<Panel>(`/api/queue/windows/${number}`));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }, [number, message]);

  useEffect(() => {
    void api.post<Panel>(`/api/queue/windows/${number}/sit`).then(setPanel).catch((e) => message.error(errorMessage(e, t)));
    void api.get<Category[]>('/api/public/queue/categories').then(setCategories);
    const source = new EventSource('/api/public/queue/board/stream');
    source.addEventListener('update', () => void load());
    source.addEventListener('call', () => void load());
    const poll = window.setInterval(() => void load(), 15_000);
    return () => {
      source.close();
      window.clearInterval(poll);
    };
  }, [number, load, message]);

  async function act(path: string, body?: unknown) {
    setBusy(true);
    try {
      const res = await api.post<CallAnswer | TicketAnswer>(path, body);
      if (res.announcement) setAnnouncement(res.announcement);
      else if (path.endsWith('call-next')) message.info(t('nobody'));
      await load();
    } catch (e) {
      message.error(errorMessage(e, t));
      await load();
    } finally {
      setBusy(false);
    }
  }

  if (!panel) return <Spin />;
  const cur = panel.current;
  const step = (s: string, body?: unknown) => act(`/api/queue/tickets/${cur!.id}/${s}`, body);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card extra={<Button size="large" onClick={() => setIssuing(true)} data-testid="issue-ticket">{t('issue')}</Button>}>
        {issuing && <IssueDialog categories={categories} onClose={() => { setIssuing(false); void load(); }} />}
        <Space size={48} wrap>
          <Statistic title={t('served')} value={panel.servedToday} />
          {panel.waiting.map((w) => <Statistic key={w.prefix} title={`${w.prefix} ${w.name}`} value={w.waiting} suffix={t('people')} />)}
          {panel.sentHere > 0 && <Statistic title={t('sentHere')} value={panel.sentHere} />}
        </Space>
      </Card>
      <Card title={t('current')} extra={announcement && <Typography.Text type="secondary" data-testid="last-announcement">{announcement}</Typography.Text>}>
        {cur ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space align="baseline" size="large">
              <span className="window-ticket" data-testid="current-ticket">{cur.ticketNo}</span>
              <Tag color={cur.status === 'serving' ? 'green' : 'gold'}>{t(`status.${cur.status}` as 'status.called')}</Tag>
              {cur.priority && <Tag color="blue">{t('appointment')}</Tag>}
            </Space>
            <Descriptions size="small" column={3} items={[
              { key: 'c', label: t('category'), children: `${cur.category.prefix} ${cur.category.name}` },
              { key: 'i', label: t('issued'), children: zonedTime(cur.issuedAt, true) },
              { key: 'n', label: t('calls'), children: cur.callCount },
            ]} />
            {cur.status === 'called' ? (
              <Space wrap>
                <Button type="primary" size="large" disabled={busy} onClick={() => step('start')}>{t('start')}</Button>
                <Button size="large" disabled={busy} onClick={() => step('recall')}>{t('recall')}</Button>
                <Button size="large" danger disabled={busy} onClick={() => step('absent')}>{t('absent')}</Button>
                <Button size="large" disabled={busy} onClick={() => setTransferring(true)}>{t('transfer')}</Button>
              </Space>
            ) : (
              <Form layout="inline" onFinish={() => step('finish', caseNo.trim() ? { caseNo: caseNo.trim() } : {})}>
                <Form.Item label={t('caseNo')}>
                  <Input value={caseNo} onChange={(e) => setCaseNo(e.target.value)} placeholder={t('caseNoHint')} style={{ width: 260 }} />
                </Form.Item>
                <Button type="primary" size="large" htmlType="submit" disabled={busy}>{t('finish')}</Button>
                <Button size="large" disabled={busy} onClick={() => setTransferring(true)} style={{ marginLeft: 8 }}>{t('transfer')}</Button>
              </Form>
            )}
            {transferring && (
              <TransferDialog ticket={cur} open categories={categories} onClose={() => setTransferring(false)}
                onDone={() => { setTransferring(false); setCaseNo(''); void load(); }} />
            )}
          </Space>
        ) : (
          <Space orientation="vertical" align="center" style={{ width: '100%' }}>
            <Empty description={t('none')} />
            <Button type="primary" size="large" style={{ height: 72, minWidth: 240, fontSize: 24 }} disabled={busy}
              onClick={() => { setCaseNo(''); void act(`/api/queue/windows/${number}/call-next`); }}>
              {t('callNext')}
            </Button>
          </Space>
        )}
      </Card>
      <WaitingTable refreshed={refreshed} />
    </Space>
  );
}

function WaitingTable({ refreshed }: { refreshed: number }) {
  const t = useWindowT();
  const [rows, setRows] = useState<Ticket[]>([]);
  const asked = useRef(0);
  useEffect(() => {
    // Answers can cross when events come close together: only the newest request's answer is shown.
    const mine = ++asked.current;
    void api.get<Ticket[]>('/api/queue/tickets')
      .then((all) => { if (mine === asked.current) setRows(all.filter((x) => x.status === 'waiting')); })
      .catch(() => { /* the next event or poll asks again */ });
  }, [refreshed]);
  return (
    <Card title={t('waitingList')} size="small" data-testid="waiting-list">
      <Table<Ticket> size="small" rowKey="id" dataSource={rows} pagination={{ pageSize: 10 }}
        onRow={(r) => ({ 'data-testid': 'waiting-ticket', 'data-ticket-no': r.ticketNo } as HTMLAttributes<HTMLElement>)} columns={[
        { title: t('ticket'), dataIndex: 'ticketNo' },
        { title: t('category'), render: (_, r) => `${r.category.prefix} ${r.category.name}` },
        { title: t('issued'), render: (_, r) => zonedTime(r.issuedAt, true) },
        { title: '', render: (_, r) => (r.priority ? <Tag color="blue">{t('appointment')}</Tag> : null) },
      ]} />
    </Card>
  );
}

export function WindowApp() {
  const t = useWindowT();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    onUnauthorized(toLogin);
    void fetchMe().then((m) => (m ? setMe(m) : toLogin()));
  }, []);
  const number = Number(window.location.pathname.split('/')[2]);
  if (!me) return <Spin style={{ margin: 48 }} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', color: '#fff' }}>
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
          {t('title')}{Number.isInteger(number) && number > 0 ? ` · ${t('window', { n: number })}` : ''}
        </Typography.Title>
        <Space>
          <span>{me.user.displayName}</span>
          <LangSwitch />
        </Space>
      </Header>
      <Content style={{ padding: 24 }}>
        {Number.isInteger(number) && number > 0 ? <WindowPanel number={number} /> : <PickWindow />}
      </Content>
    </Layout>
  );
}
