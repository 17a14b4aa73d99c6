/**
 * Public progress look-up (办件进度查询): the case number (from the QR code / SMS link `/?progress=<caseNo>`)
 * and the applicant's mobile number. The server answers an unknown number and a wrong phone alike,
 * so the page never says which of the two was wrong.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, List, Result, Space, Tag, Timeline, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, SearchOutlined } from '@ant-design/icons';
import { STATUS_LABELS, type CaseStatus } from '@domain/case-workflow';
import { ApiRequestError, api } from '../../shared/api';
import { useI18n, useAppT } from '../../shared/i18n';
import { Link, navigate, useLocation, withQuery } from '../../shared/router';
import { formatDateTime } from '../../shared/labels';
import { lastSearch } from './nav';
import * as messages from './progress-messages';
import type { PublicProgress } from '#contract/progress.js';

const { Title, Text, Paragraph } = Typography;

type Failure = { kind: 'not-found' } | { kind: 'throttled' } | { kind: 'error'; text: string };

/** Loose shape check only (12 characters once dashes go); the check character is the server's business. */
const CASE_NO_SHAPE = /^\d{11}[\dX]$/;
const compactCaseNo = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();

const STATUS_COLORS: Record<string, string> = {
  supplement: '#d46b08',
  prereview_returned: '#d46b08',
  paused: '#d46b08',
  completed: '#389e0d',
  delivered: '#389e0d',
  refused: '#cf1322',
  not_accepted: '#cf1322',
  returned: '#8c8c8c',
  withdrawn: '#8c8c8c',
  cancelled: '#8c8c8c',
};

const STAGE_COLORS: Record<string, string> = { active: 'processing', passed: 'success', refused: 'error' };

export function ProgressPage() {
  const { lang } = useI18n();
  const t = useAppT(messages);
  const { query } = useLocation();
  const urlCaseNo = query.get('progress') ?? '';
  const [form] = Form.useForm<{ caseNo: string; phone: string }>();
  const [loading, setLoading] = useState(false);
  const [data, setData] = useState<PublicProgress | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const answerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${t('progress.title')} · ${t('app.portalShort')}`;
  }, [t]);

  // A new link (another QR code) starts over with its number; the phone the user typed stays.
  useEffect(() => {
    form.setFieldValue('caseNo', urlCaseNo);
    setData(null);
    setFailure(null);
  }, [urlCaseNo, form]);

  // On a phone the answer is below the form: bring it into view.
  useEffect(() => {
    if (data || failure) answerRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [data, failure]);

  async function lookUp(values: { caseNo: string; phone: string }) {
    const caseNo = values.caseNo.trim();
    // Keep the number in the URL so the page can be bookmarked; never the phone.
    navigate(withQuery('/', { progress: caseNo }), { replace: true });
    setLoading(true);
    setFailure(null);
    setData(null);
    try {
      setData(await api.get<PublicProgress>('/api/public/progress', { caseNo, phone: values.phone.trim() }));
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 404) setFailure({ kind: 'not-found' });
      else if (e instanceof ApiRequestError && e.status === 429) setFailure({ kind: 'throttled' });
      else setFailure({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setLoading(false);
    }
  }

  const back = (
    <Link href={lastSearch()} data-testid="progress-back">
      <ArrowLeftOutlined /> {t('portal.backToList')}
    </Link>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }} data-testid="progress-page">
      {back}
      <Card>
        <Title level={3} style={{ marginTop: 0 }}>
          {t('progress.title')}
        </Title>
        <Paragraph type="secondary">{t('progress.intro')}</Paragraph>
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ caseNo: urlCaseNo, phone: '' }}
          onFinish={lookUp}
          data-testid="progress-form"
        >
          <Form.Item
            name="caseNo"
            label={t('progress.caseNo')}
            rules={[
              { required: true, whitespace: true, message: t('progress.caseNoRequired') },
              {
                validator: (_, v: string | undefined) =>
                  !v?.trim() || CASE_NO_SHAPE.test(compactCaseNo(v)) ? Promise.resolve() : Promise.reject(new Error(t('progress.caseNoBad'))),
              },
            ]}
          >
            <Input size="large" inputMode="text" autoComplete="off" placeholder={t('progress.caseNoPlaceholder')} data-testid="progress-case-no" maxLength={30} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('progress.phone')}
            rules={[
              { required: true, whitespace: true, message: t('progress.phoneRequired') },
              { pattern: /^\s*1\d{10}\s*$/, message: t('progress.phoneBad') },
            ]}
          >
            <Input size="large" type="tel" inputMode="numeric" autoComplete="tel" placeholder={t('progress.phonePlaceholder')} data-testid="progress-phone" maxLength={11} />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" block icon={<SearchOutlined />} loading={loading} data-testid="progress-submit">
            {t('progress.submit')}
          </Button>
        </Form>
      </Card>

      {(failure || data) && (
        <div ref={answerRef} style={{ scrollMarginTop: 8 }}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {failure?.kind === 'not-found' && (
              <Card data-testid="progress-not-found">
                <Result status="warning" title={t('progress.notFound')} subTitle={t('progress.notFoundText')} style={{ padding: 16 }} />
              </Card>
            )}
            {failure?.kind === 'throttled' && (
              <Alert type="warning" showIcon data-testid="progress-throttled" title={t('progress.throttled')} description={t('progress.throttledText')} />
            )}
            {failure?.kind === 'error' && <Alert type="error" showIcon data-testid="progress-error" title={t('progress.error')} description={failure.text} />}

            {data && <ProgressResult data={data} lang={lang} t={t} />}
          </Space>
        </div>
      )}
    </Space>
  );
}

type T = ReturnType<typeof useAppT<keyof typeof messages.zh>>;

function ProgressResult({ data, lang, t }: { data: PublicProgress; lang: 'zh' | 'en'; t: T }) {
  const status = data.status as CaseStatus;
  const label = STATUS_LABELS[status]?.[lang] ?? data.statusLabel;
  const color = STATUS_COLORS[data.status] ?? '#1d5fb8';
  const nextKey = `progress.next.${data.status}` as keyof typeof messages.zh;
  const next = nextKey in messages.zh ? t(nextKey) : data.nextStep;

  let clock: ReactNode = null;
  if (data.timeliness) {
    const tone = data.timeliness === 'late' ? 'error' : 'success';
    clock = (
      <Tag color={tone} data-testid="progress-timeliness" data-timeliness={data.timeliness}>
        {t(`progress.timeliness.${data.timeliness}` as keyof typeof messages.zh)}
      </Tag>
    );
  } else if (data.paused) {
    clock = (
      <Tag color="warning" data-testid="progress-paused">
        {t('progress.paused')}
      </Tag>
    );
  } else if (data.daysLeft !== null) {
    const overdue = data.daysLeft < 0;
    clock = (
      <Tag color={overdue || data.warning === 'red' ? 'error' : data.warning === 'yellow' ? 'warning' : 'processing'} data-testid="progress-days-left" data-days-left={data.daysLeft}>
        {overdue ? t('progress.overdue', { n: -data.daysLeft }) : data.daysLeft === 0 ? t('progress.dueToday') : t('progress.daysLeft', { n: data.daysLeft })}
      </Tag>
    );
  }

  const items: DescriptionsProps['items'] = [
    { key: 'item', label: t('progress.item'), children: <span data-testid="progress-item">{data.item}</span> },
    { key: 'department', label: t('progress.department'), children: data.department },
    { key: 'applicant', label: t('progress.applicant'), children: <span data-testid="progress-applicant">{data.applicant}</span> },
    { key: 'phone', label: t('progress.phoneMasked'), children: data.phone },
    { key: 'received', label: t('progress.receivedAt'), children: formatDateTime(data.receivedAt) },
    { key: 'accepted', label: t('progress.acceptedAt'), children: formatDateTime(data.acceptedAt) },
    {
      key: 'due',
      label: t('progress.dueDate'),
      children: data.dueDate ? (
        <Space size={4} wrap>
          <Text strong data-testid="progress-due-date">
            {data.dueDate}
          </Text>
          {data.provisional && <Text type="secondary">{t('progress.dueProvisional')}</Text>}
          {clock}
        </Space>
      ) : (
        <Space size={4} wrap>
          —{clock}
        </Space>
      ),
    },
  ];
  if (data.completedAt) items.push({ key: 'completed', label: t('progress.completedAt'), children: <span data-testid="progress-completed-at">{formatDateTime(data.completedAt)}</span> });
  if (data.deliveredAt) items.push({ key: 'delivered', label: t('progress.deliveredAt'), children: <span data-testid="progress-delivered-at">{formatDateTime(data.deliveredAt)}</span> });
  if (data.pausedDays > 0)
    items.push({ key: 'paused', label: t('progress.paused'), children: <span data-testid="progress-paused-days">{t('progress.pausedDays', { n: data.pausedDays })}</span> });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="progress-result" data-status={data.status}>
      <Card styles={{ body: { borderLeft: `6px solid ${color}`, borderRadius: 8 } }}>
        <Text type="secondary">
          {t('progress.caseNo')} <span data-testid="progress-case-no-shown">{data.caseNo}</span>
        </Text>
        <div style={{ margin: '8px 0', fontSize: 30, fontWeight: 700, color, lineHeight: 1.3 }} data-testid="progress-status" data-status={data.status}>
          {label}
        </div>
        <div style={{ fontSize: 16 }}>
          <Text strong>
            {t('progress.next')}
            {lang === 'zh' ? '：' : ': '}
          </Text>
          <span data-testid="progress-next">{next}</span>
        </div>
        {data.missingMaterials.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={t('progress.missing')}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="progress-missing">
                {data.missingMaterials.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
      </Card>

      <Card>
        <Descriptions size="small" column={1} items={items} styles={{ label: { width: 120 } }} />
        <Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('progress.privacy')}
        </Paragraph>
      </Card>

      {data.steps.length > 0 && (
        <Card title={t('progress.steps')}>
          <Timeline
            data-testid="progress-steps"
            items={[...data.steps].reverse().map((s, i) => ({
              key: i,
              content: (
                <div data-testid="progress-step" data-action={s.action}>
                  <Text strong data-testid="progress-step-name">
                    {lang === 'zh' ? s.name : (STATUS_LABELS[s.status as CaseStatus]?.en ?? s.name)}
                  </Text>{' '}
                  <Text type="secondary" data-testid="progress-step-at">
                    {formatDateTime(s.at)}
                  </Text>
                  <div>
                    <Text type="secondary" data-testid="progress-step-department">
                      {s.department}
                    </Text>
                  </div>
                </div>
              ),
            }))}
          />
        </Card>
      )}

      {data.stages.length > 1 && (
        <Card title={t('progress.stages')}>
          <List
            data-testid="progress-stages"
            dataSource={data.stages}
            renderItem={(s) => (
              <List.Item data-testid="progress-stage" data-stage={s.stage} data-status={s.status}>
                <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                  <Space wrap size={4}>
                    <Text type="secondary">{t('progress.stage', { n: s.stage })}</Text>
                    <Text strong>{s.name}</Text>
                    <Tag color={STAGE_COLORS[s.status] ?? 'default'}>
                      {messages.zh[`progress.stage.${s.status}` as keyof typeof messages.zh] ? t(`progress.stage.${s.status}` as keyof typeof messages.zh) : s.status}
                    </Tag>
                  </Space>
                  <Text type="secondary">
                    {s.department}
                    {s.dueDate ? ` · ${t('progress.stageDue', { date: s.dueDate })}` : ''}
                  </Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
