/**
 * What a case is about: applicant and agent, the item, the dates, the decision, the materials
 * (received / missing) and the printable papers. Personal data arrives masked when the user may
 * not see it; these components show what they get.
 */
import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, PrinterOutlined } from '@ant-design/icons';
import { KindTag, formatDateTime, LocalName } from '../labels';
import type { CaseView } from '#contract/cases.js';
import { useCaseT } from './ClockBadge';
import type { CaseMessageKey } from './case-messages';
import { useDepartmentName } from './dept-names';
import './case.css';

type Material = CaseView['materials'][number];

const masked = (v: string | undefined) => !!v && v.includes('*');

export function CaseInfo({ c }: { c: CaseView }) {
  const t = useCaseT();
  const deptName = useDepartmentName();
  const a = c.applicant;
  const items: DescriptionsProps['items'] = [
    {
      key: 'item',
      label: t('case.item'),
      span: 2,
      children: (
        <Space size={6} wrap>
          <span data-testid="case-item-name" style={{ fontWeight: 500 }}>
            <LocalName x={c.item} />
          </span>
          <Typography.Text type="secondary">{c.item.code}</Typography.Text>
          <KindTag kind={c.kind} />
          {c.urgent && <Tag color="red">{t('case.urgent')}</Tag>}
        </Space>
      ),
    },
    { key: 'dept', label: t('case.department'), children: deptName(c.department.code, c.department.name) },
    { key: 'channel', label: t('case.channel'), children: t(`channel.${c.channel}` as CaseMessageKey) },
    { key: 'applicant', label: t('case.applicant'), children: <span data-testid="case-applicant">{a.name}</span> },
    { key: 'akind', label: t('case.applicantKind'), children: t(`applicant.${a.kind}` as CaseMessageKey) },
    a.idNumber
      ? { key: 'id', label: t('case.idNumber'), children: <span data-testid="case-id-number">{a.idNumber}</span> }
      : { key: 'credit', label: t('case.creditCode'), children: a.creditCode ?? '—' },
    { key: 'phone', label: t('case.phone'), children: a.phone },
    {
      key: 'agent',
      label: t('case.agent'),
      span: 2,
      children: c.agent ? (
        <Space size={[16, 0]} wrap>
          <span>
            {c.agent.name}（{c.agent.relation}）
          </span>
          <span>
            {t('case.idNumber')}：{c.agent.idNumber}
          </span>
          <span>
            {t('case.phone')}：{c.agent.phone}
          </span>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('case.noAgent')}</Typography.Text>
      ),
    },
    { key: 'received', label: t('case.receivedAt'), children: formatDateTime(c.receivedAt) },
    { key: 'accepted', label: t('case.acceptedAt'), children: formatDateTime(c.acceptedAt) },
  ];
  if (c.decision) {
    items.push(
      {
        key: 'decision',
        label: t('case.decision'),
        children: <Typography.Text type={c.decision === 'refused' ? 'danger' : 'success'}>{t(`decision.${c.decision}` as CaseMessageKey)}</Typography.Text>,
      },
      { key: 'decided', label: t('case.decidedAt'), children: formatDateTime(c.decidedAt) },
    );
  }
  if (c.resultNo) items.push({ key: 'result', label: t('case.resultNo'), children: <span data-testid="case-result-no">{c.resultNo}</span> });
  if (c.completedAt) items.push({ key: 'completed', label: t('case.completedAt'), children: formatDateTime(c.completedAt) });
  if (c.deliveredAt) items.push({ key: 'delivered', label: t('case.deliveredAt'), children: formatDateTime(c.deliveredAt) });
  if (c.transit) items.push({ key: 'transit', label: t('case.proxy'), span: 2, children: <TransitInfo transit={c.transit} /> });
  if (c.closedReason) items.push({ key: 'reason', label: t('case.closedReason'), span: 2, children: <span className="ow-pre">{c.closedReason}</span> });

  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={items}
        styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
        data-testid="case-info"
      />
      {(masked(a.idNumber) || masked(a.phone)) && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {t('case.masked')}
        </Typography.Text>
      )}
    </>
  );
}

/**
 * 代办件: where the case was taken in, and the papers' time on the road, which the promised clock
 * does not count (before the department accepts, after it completes).
 */
function TransitInfo({ transit }: { transit: NonNullable<CaseView['transit']> }) {
  const t = useCaseT();
  const leg = (l: typeof transit.before) => (l.hours === null ? '—' : t('case.transitHours', { hours: l.hours }) + (l.running ? t('case.transitRunning') : ''));
  return (
    <Space size={[16, 0]} wrap data-testid="case-transit">
      <span>{transit.place.name}</span>
      <span>{t('case.transitBefore')}：{leg(transit.before)}</span>
      <span>{t('case.transitAfter')}：{leg(transit.after)}</span>
    </Space>
  );
}

export function materialsSummary(materials: Material[]) {
  const provided = materials.filter((m) => m.provided).length;
  return { provided, missing: materials.filter((m) => !m.provided && m.required).length };
}

export function CaseMaterials({ materials }: { materials: Material[] }) {
  const t = useCaseT();
  const columns: TableColumnsType<Material> = [
    { title: '#', key: 'n', width: 44, render: (_, __, i) => i + 1 },
    { title: t('material.name'), dataIndex: 'name', render: (v: string) => <span style={{ wordBreak: 'break-word' }}>{v}</span> },
    {
      title: t('material.required'),
      dataIndex: 'required',
      width: 84,
      render: (v: boolean) => (v ? t('material.required') : <Typography.Text type="secondary">{t('material.optional')}</Typography.Text>),
    },
    {
      title: t('material.provided'),
      dataIndex: 'provided',
      width: 96,
      render: (v: boolean, m) =>
        v ? (
          <Typography.Text type="success" data-provided="true">
            <CheckCircleFilled /> {t('material.provided')}
          </Typography.Text>
        ) : (
          <Typography.Text type={m.required ? 'danger' : 'secondary'} data-provided="false">
            <CloseCircleFilled /> {t('material.missing')}
          </Typography.Text>
        ),
    },
    { title: t('material.note'), dataIndex: 'note', width: 160, render: (v?: string) => v || '' },
  ];
  return (
    <Table<Material>
      data-testid="case-materials"
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={materials}
      pagination={false}
      rowClassName={(m) => (!m.provided && m.required ? 'ow-material-missing' : '')}
    />
  );
}

/** Links to the printable papers that exist for the case now; they open in a new tab. */
export function CasePrintLinks({ c }: { c: CaseView }) {
  const t = useCaseT();
  const base = `/print/cases/${encodeURIComponent(c.caseNo)}`;
  const papers: { key: string; href: string; label: string }[] = [{ key: 'receipt', href: c.links.receipt || `${base}/receipt`, label: t('print.receipt') }];
  if (c.acceptedAt && c.status !== 'cancelled') papers.push({ key: 'acceptance', href: `${base}/acceptance`, label: t('print.acceptance') });
  if (c.links.supplementNotice) papers.push({ key: 'supplement', href: c.links.supplementNotice, label: t('print.supplement') });
  if (c.links.notAcceptedNotice) papers.push({ key: 'not-accepted', href: c.links.notAcceptedNotice, label: t('print.notAccepted') });
  return (
    <Space size={12} wrap data-testid="case-print-links">
      <Typography.Text type="secondary">
        <PrinterOutlined /> {t('case.print')}
      </Typography.Text>
      {papers.map((p) => (
        <a key={p.key} href={p.href} target="_blank" rel="noopener" data-testid={`print-${p.key}`}>
          {p.label}
        </a>
      ))}
    </Space>
  );
}
