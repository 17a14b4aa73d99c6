import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { centerTimeZone } from '../../shared/time-zone';
import { Alert, Button, Card, Col, Input, Row, Space, Statistic, Table, Typography } from 'antd';
import { api } from '../../shared/api';
import { useAppT } from '../../shared/i18n';
import { LangSwitch } from '../../shared/LangSwitch';
import * as messages from './messages';
import type { ProcessingTime, TransparencyBoard as Board } from '#contract/transparency.js';


type T = ReturnType<typeof useAppT<keyof typeof messages.zh>>;

// The server recomputes processing times at most every 10 minutes and today's counts every minute.
const REFRESH_MS = 60_000;

function useBoard() {
  const [board, setBoard] = useState<Board | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    try {
      setBoard(await api.get<Board>('/api/public/transparency'));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);
  return { board, failed };
}

function days(t: T, n: number | null): string {
  if (n === null) return t('tp.none');
  return n === 0 ? t('tp.immediate') : t('tp.days', { n });
}

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: centerTimeZone() });
}

export function TransparencyApp() {
  const t = useAppT(messages);
  const screen = new URLSearchParams(window.location.search).get('mode') === 'screen';
  const { board, failed } = useBoard();
  useEffect(() => { document.title = `${t('tp.title')} · ${board?.centerName ?? ''}`; }, [t, board]);
  return screen ? <HallScreen board={board} failed={failed} t={t} /> : <PublicPage board={board} failed={failed} t={t} />;
}

function PublicPage({ board, failed, t }: { board: Board | null; failed: boolean; t: T }) {
  const [q, setQ] = useState('');
  const rows = useMemo(() => (board?.items ?? []).filter((i) => !q || i.itemName.includes(q) || i.departmentName.includes(q) || i.itemCode.includes(q.toUpperCase())), [board, q]);
  return (
    <main style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>{t('tp.title')}</Typography.Title>
          <Typography.Text type="secondary">{board?.centerName} · {t('tp.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Button href="?mode=screen" data-testid="screen-link">{t('tp.screen')}</Button>
          <LangSwitch />
        </Space>
      </Space>
      {failed && <Alert style={{ marginTop: 16 }} type="warning" showIcon title={t('tp.loadFailed')} />}
      <Typography.Title level={4} style={{ marginTop: 24 }}>{t('tp.today', { date: board?.today ?? '' })}</Typography.Title>
      <Row gutter={16}>
        {(['received', 'accepted', 'completed'] as const).map((k) => (
          <Col xs={24} sm={8} key={k}>
            <Card data-testid={`today-${k}`}><Statistic title={t(`tp.${k}`)} value={board?.intake[k] ?? '—'} suffix={t('tp.unit')} /></Card>
          </Col>
        ))}
      </Row>
      <Input.Search allowClear placeholder={t('tp.search')} style={{ maxWidth: 360, margin: '24px 0 12px' }} value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('tp.search')} />
      <Table<ProcessingTime>
        data-testid="times-table"
        rowKey="itemCode"
        size="middle"
        loading={!board && !failed}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('tp.item'), dataIndex: 'itemName', render: (v: string, r) => <><div>{v}</div><Typography.Text type="secondary">{r.itemCode}</Typography.Text></> },
          { title: t('tp.department'), dataIndex: 'departmentName' },
          { title: t('tp.statutory'), dataIndex: 'statutoryDays', render: (v: number) => days(t, v) },
          { title: t('tp.promised'), dataIndex: 'promisedDays', render: (v: number) => <b>{days(t, v)}</b> },
          { title: t('tp.avg'), dataIndex: 'avgDays', render: (v: number | null) => (v === null ? t('tp.none') : t('tp.days', { n: v })) },
          { title: t('tp.p90'), dataIndex: 'p90Days', render: (v: number | null) => (v === null ? t('tp.none') : t('tp.days', { n: v })) },
          { title: t('tp.count'), dataIndex: 'completed', align: 'right' },
          { title: t('tp.expected'), dataIndex: 'expectedDate' },
        ]}
      />
      {board && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('tp.window', { from: board.from, to: board.to })} {t('tp.updated', { time: time(board.generatedAt) })}
        </Typography.Paragraph>
      )}
    </main>
  );
}

/**
 * 大屏: for the hall's 1920×1080 screen — large type, no controls needed; the table scrolls by
 * itself and starts again from the top, and the data refreshes every minute.
 */
function HallScreen({ board, failed, t }: { board: Board | null; failed: boolean; t: T }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    let pause = 0;
    const timer = window.setInterval(() => {
      const el = scroller.current;
      if (!el || el.scrollHeight <= el.clientHeight) return;
      if (pause > 0) { pause--; return; }
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) {
        el.scrollTop = 0;
        pause = 60;
      } else {
        el.scrollTop += 1;
      }
    }, 50);
    return () => window.clearInterval(timer);
  }, []);
  const cell: React.CSSProperties = { padding: '10px 16px', borderBottom: '1px solid #1f3b66', textAlign: 'left' };
  return (
    <main data-testid="hall-screen" style={{ height: '100vh', overflow: 'hidden', background: '#06152e', color: '#e8f0ff', display: 'flex', flexDirection: 'column', padding: '24px 40px', boxSizing: 'border-box' }}>
      <header style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' }}>
        <h1 style={{ fontSize: 56, margin: 0, color: '#ffd666', letterSpacing: 8 }}>{t('tp.title')}</h1>
        <div style={{ fontSize: 28 }}>{board?.centerName}</div>
        <div style={{ fontSize: 36, fontVariantNumeric: 'tabular-nums' }} data-testid="screen-clock">{now.toLocaleString('zh-CN', { timeZone: centerTimeZone(), hour12: false })}</div>
      </header>
      <section style={{ display: 'flex', gap: 32, margin: '20px 0' }}>
        {(['received', 'accepted', 'completed'] as const).map((k) => (
          <div key={k} style={{ flex: 1, background: '#0c2550', borderRadius: 12, padding: '16px 28px' }}>
            <div style={{ fontSize: 28, opacity: 0.8 }}>{t(`tp.${k}`)}</div>
            <div style={{ fontSize: 72, fontWeight: 700, color: '#69c0ff' }} data-testid={`screen-${k}`}>{board?.intake[k] ?? '—'}</div>
          </div>
        ))}
      </section>
      {failed && <div style={{ fontSize: 24, color: '#ffa39e' }}>{t('tp.loadFailed')}</div>}
      <div ref={scroller} style={{ flex: 1, overflow: 'hidden' }}>
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 30 }}>
          <thead style={{ position: 'sticky', top: 0, background: '#0c2550', color: '#ffd666' }}>
            <tr>
              <th style={cell}>{t('tp.item')}</th>
              <th style={cell}>{t('tp.department')}</th>
              <th style={cell}>{t('tp.promised')}</th>
              <th style={cell}>{t('tp.avg')}</th>
              <th style={cell}>{t('tp.p90')}</th>
              <th style={cell}>{t('tp.expected')}</th>
            </tr>
          </thead>
          <tbody>
            {(board?.items ?? []).map((i) => (
              <tr key={i.itemCode}>
                <td style={cell}>{i.itemName}</td>
                <td style={{ ...cell, fontSize: 24 }}>{i.departmentName}</td>
                <td style={{ ...cell, color: '#95de64' }}>{days(t, i.promisedDays)}</td>
                <td style={cell}>{i.avgDays === null ? t('tp.none') : t('tp.days', { n: i.avgDays })}</td>
                <td style={cell}>{i.p90Days === null ? t('tp.none') : t('tp.days', { n: i.p90Days })}</td>
                <td style={cell}>{i.expectedDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {board && <footer style={{ fontSize: 20, opacity: 0.7, marginTop: 12 }}>{t('tp.window', { from: board.from, to: board.to })}</footer>}
    </main>
  );
}
