/**
 * The clock of a case as everybody sees it: promised limit, acceptance and due date, working days
 * left, days paused, whether it runs, and why it stands still (补正, 特别程序, 上报).
 */
import type { ReactNode } from 'react';
import { Alert, Badge, Typography } from 'antd';
import type { CaseClock as Clock } from '#contract/cases.js';
import { WARNING_COLOR, WarningTag, daysLeftText, pauseKindLabel, useCaseT } from './ClockBadge';
import type { CaseMessageKey } from './case-messages';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div style={{ display: 'flex', gap: 12, padding: '5px 0', borderBottom: '1px dashed #f0f0f0' }}>
      <div style={{ width: 88, flex: 'none', color: 'rgba(0,0,0,0.55)' }}>{label}</div>
      <div style={{ flex: 1, minWidth: 0, wordBreak: 'break-word' }} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

export function CaseClock({ clock }: { clock: Clock }) {
  const t = useCaseT();
  const started = clock.acceptedDate !== null;
  const open = started && clock.daysLeft !== null;
  const stopped = open && !clock.running;

  let state: ReactNode;
  if (!started) state = <Badge status="default" text={t('clock.notStarted')} />;
  else if (clock.running) state = <Badge status="processing" text={t('clock.running')} />;
  else if (stopped) state = <Badge status="warning" text={`${t('clock.stopped')}${clock.pause ? ` · ${pauseKindLabel(t, clock.pause.kind)}` : ''}`} />;
  else state = <Badge status="default" text={t('clock.finished')} />;

  return (
    <div data-testid="case-clock" data-running={String(clock.running)} data-warning={clock.warning ?? ''}>
      {open && (
        <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 8, marginBottom: 6, flexWrap: 'wrap' }}>
          <Typography.Text strong style={{ fontSize: 20, color: clock.warning ? WARNING_COLOR[clock.warning] : undefined }} data-testid="clock-days-left">
            {daysLeftText(t, clock.daysLeft)}
          </Typography.Text>
          <WarningTag warning={clock.warning} />
        </div>
      )}
      <Row label={t('clock.state')} testId="clock-state">
        {state}
      </Row>
      {stopped && clock.pause && (
        <>
          {clock.pause.reason && <Row label={t('clock.pauseReason')}>{clock.pause.reason}</Row>}
          <Row label={t('clock.pauseSince')}>
            {clock.pause.since}
            {clock.pause.expectedDays ? `（${t('clock.pauseExpected', { n: clock.pause.expectedDays })}）` : ''}
          </Row>
        </>
      )}
      <Row label={t('clock.promised')}>{clock.promisedDays > 0 ? t('clock.promisedDays', { n: clock.promisedDays }) : t('limit.immediate')}</Row>
      <Row label={t('clock.acceptedDate')}>{clock.acceptedDate ?? '—'}</Row>
      <Row label={t('clock.dueDate')} testId="clock-due-date">
        {clock.dueDate ?? '—'}
      </Row>
      <Row label={t('clock.pausedDays')} testId="clock-paused-days">
        {t('clock.pausedN', { n: clock.pausedDays })}
      </Row>
      {clock.timeliness && (
        <Row label={t('clock.timeliness')}>
          <Typography.Text type={clock.timeliness === 'late' ? 'danger' : 'success'}>{t(`clock.${clock.timeliness}` as CaseMessageKey)}</Typography.Text>
        </Row>
      )}
      {clock.provisional && open && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('clock.provisional')} data-testid="clock-provisional" />}
    </div>
  );
}
