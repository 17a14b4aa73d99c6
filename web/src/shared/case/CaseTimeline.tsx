/**
 * 全程留痕: every step of the case, who took it, when, from where, with the comment and what it
 * recorded. Loads GET /api/cases/{caseNo}/timeline itself and reloads when `version` changes.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Skeleton, Timeline, Typography } from 'antd';
import type { TimelineItemType } from 'antd/es/timeline/Timeline';
import { CASE_ACTIONS } from '@domain/case-workflow';
import { api, seg } from '../api';
import type { TimelineEntry } from '#contract/cases.js';
import { errorMessage } from '../errors';
import { useI18n } from '../i18n';
import { formatDateTime } from '../labels';
import { pauseKindLabel, statusLabel, useCaseT } from './ClockBadge';
import type { CaseMessageKey } from './case-messages';

type CaseT = ReturnType<typeof useCaseT>;

export function actionLabel(t: CaseT, action: string): string {
  if ((CASE_ACTIONS as readonly string[]).includes(action)) return t(`action.${action}` as CaseMessageKey);
  const key = `event.${action}` as CaseMessageKey;
  const text = t(key);
  return text === key ? action : text;
}

function roleLabel(t: CaseT, role: string): string {
  const key = `role.${role}` as CaseMessageKey;
  const text = t(key);
  return text === key ? role : text;
}

const COLOR: Record<string, string> = {
  refuse: 'red',
  'not-accept': 'red',
  return: 'red',
  withdraw: 'gray',
  cancel: 'gray',
  'task-refuse': 'red',
  'request-supplement': 'orange',
  pause: 'orange',
  'report-up': 'orange',
  complete: 'green',
  approve: 'green',
  'deem-approve': 'green',
  'deadline-moved': 'orange',
  'task-pass': 'green',
  deliver: 'green',
};

/** The recorded data in words (personal data in the record is already masked). */
function details(t: CaseT, e: TimelineEntry, materialName: (code: string) => string): string[] {
  const d = (e.data && typeof e.data === 'object' ? e.data : {}) as Record<string, unknown>;
  const out: string[] = [];
  if (Array.isArray(d.missing) && d.missing.length) out.push(t('timeline.missing', { list: d.missing.map((c) => materialName(String(c))).join('、') }));
  if (e.action === 'pause' && typeof d.kind === 'string') {
    out.push(t('timeline.pause', { kind: pauseKindLabel(t, d.kind), days: typeof d.expectedDays === 'number' ? t('timeline.expectedDays', { n: d.expectedDays }) : '' }));
  }
  if (typeof d.resultNo === 'string') out.push(t('timeline.resultNo', { no: d.resultNo }));
  if (typeof d.authority === 'string' && d.authority) out.push(t('timeline.authority', { name: d.authority }));
  if (typeof d.stageName === 'string') out.push(t('timeline.stage', { name: d.stageName }));
  if ((e.action === 'resume' || e.action === 'report-back' || e.action === 'resupply') && typeof d.pausedDays === 'number' && d.pausedDays > 0) {
    out.push(t('timeline.pausedDays', { n: d.pausedDays }));
  }
  if (e.action === 'accept' && typeof d.dueDate === 'string') out.push(t('timeline.dueDate', { date: d.dueDate }));
  if (e.action === 'deadline-moved') {
    if (typeof d.fromDueDate === 'string' && typeof d.dueDate === 'string') out.push(t('timeline.dueMoved', { from: d.fromDueDate, to: d.dueDate }));
    if (Array.isArray(d.tasks)) {
      for (const x of d.tasks as { stageName?: string; from?: string; to?: string }[]) {
        out.push(t('timeline.taskDueMoved', { name: String(x.stageName ?? ''), from: String(x.from ?? ''), to: String(x.to ?? '') }));
      }
    }
  }
  if (typeof d.trackingNo === 'string') out.push(t('timeline.trackingNo', { no: d.trackingNo }));
  if (typeof d.pickupName === 'string') out.push(t('timeline.pickup', { name: d.pickupName }));
  return out;
}

export function CaseTimeline({
  caseNo,
  version,
  materials = [],
}: {
  caseNo: string;
  /** The case version shown; a new version reloads the record. */
  version?: number;
  materials?: { code: string; name: string }[];
}) {
  const t = useCaseT();
  const { lang } = useI18n();
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    api
      .get<TimelineEntry[]>(`/api/cases/${seg(caseNo)}/timeline`)
      .then((list) => alive && setEntries(list))
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseNo, version, tick]);

  if (loading && !entries) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        title={error}
        action={
          <Button size="small" onClick={() => setTick((n) => n + 1)}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!entries?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;

  const materialName = (code: string) => materials.find((m) => m.code === code)?.name ?? code;
  const items: TimelineItemType[] = entries.map((e) => {
    const extra = details(t, e, materialName);
    const changed = e.fromStatus !== null && e.fromStatus !== e.toStatus;
    return {
      key: e.seq,
      color: COLOR[e.action] ?? 'blue',
      content: (
        <div data-testid="timeline-entry" data-action={e.action} data-to={e.toStatus} style={{ wordBreak: 'break-word' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(e.at)}
          </Typography.Text>
          <div>
            <Typography.Text strong>{actionLabel(t, e.action)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {changed ? `${statusLabel(e.fromStatus!, lang)} → ${statusLabel(e.toStatus, lang)}` : statusLabel(e.toStatus, lang)}
            </Typography.Text>
          </div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>
            {t('timeline.by', { name: e.actorName, role: roleLabel(t, e.role) })}
            {e.clientAddress && e.clientAddress !== 'system' ? ` · ${t('timeline.from', { address: e.clientAddress })}` : ''}
          </div>
          {e.comment && <div className="ow-pre" style={{ marginTop: 2 }}>{e.comment}</div>}
          {extra.map((x) => (
            <div key={x} style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>
              {x}
            </div>
          ))}
        </div>
      ),
    };
  });
  return (
    <div data-testid="case-timeline" aria-busy={loading}>
      <Timeline items={items} />
    </div>
  );
}
