/** One item's service guide (服务指南): the eight publics, materials and joint stages. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Grid, Result, Skeleton, Space, Steps, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, FormOutlined, PrinterOutlined } from '@ant-design/icons';
import type { JointStage, Material } from '@domain/catalog';
import { ApiRequestError, api, seg } from '../../shared/api';
import type { Department } from '#contract/departments.js';
import type { ItemGuide } from '#contract/catalog.js';
import { useAppT, useI18n } from '../../shared/i18n';
import { usePortalT } from './portal-t';
import { Link, navigate } from '../../shared/router';
import { KindTag, localName, daysText, feeText, limitsText, materialFormLabel } from '../../shared/labels';
import { errorMessage } from '../../shared/errors';
import { applyHref, lastSearch } from './nav';
import { useAccountT } from './account/i18n';
import { departmentName } from '../../shared/departments';
import { BookingButton } from './booking/BookingRoute';
import { MaterialDownloads, ProcessingTimeCard, useMaterialFiles } from './browse/GuideExtras';
import * as browseMessages from './browse/messages';

const { Title, Paragraph, Text } = Typography;

export function GuidePage({ code, departments }: { code: string; departments: Department[] }) {
  const t = usePortalT();
  const { lang } = useI18n();
  const [guide, setGuide] = useState<ItemGuide | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const files = useMaterialFiles(code);
  const bt = useAppT(browseMessages);
  // On a phone (< 576 px) six columns only fit by scrolling sideways: the materials become a list.
  const narrow = Grid.useBreakpoint().sm === false;

  useEffect(() => {
    let alive = true;
    setGuide(null);
    setError(null);
    api
      .get<ItemGuide>(`/api/items/${seg(code)}`)
      .then((g) => alive && setGuide(g))
      .catch((e) => alive && setError({ status: e instanceof ApiRequestError ? e.status : 0, text: errorMessage(e, t) }));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);

  useEffect(() => {
    if (guide) document.title = `${localName(guide, lang)} · ${t('app.portalShort')}`;
  }, [guide, t, lang]);

  const back = (
    <Link href={lastSearch()} className="ow-no-print" data-testid="guide-back">
      <ArrowLeftOutlined /> {t('portal.backToList')}
    </Link>
  );

  if (error) {
    return (
      <Card>
        {error.status === 404 ? (
          <Result status="404" title={t('guide.notFound')} extra={back} />
        ) : (
          <Result status="error" title={t('common.error')} subTitle={error.text} extra={back} />
        )}
      </Card>
    );
  }
  if (!guide) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }

  const deptLabel = (c: string, fallback?: string) =>
    departmentName(departments, lang, c, fallback ?? departments.find((d) => d.code === c)?.name ?? c);

  const basic: DescriptionsProps['items'] = [
    { key: 'department', label: t('guide.department'), children: deptLabel(guide.department.code, guide.department.name) },
    { key: 'kind', label: t('guide.kind'), children: <KindTag kind={guide.kind} /> },
    { key: 'category', label: t('guide.category'), children: guide.category || '—' },
    {
      key: 'limits',
      label: t('guide.limits'),
      children: <span data-testid="guide-limits">{limitsText(t, guide.kind, guide.statutoryDays, guide.promisedDays)}</span>,
    },
    { key: 'feeStandard', label: t('guide.feeStandard'), children: guide.feeStandard || feeText(t, guide.feeCents) },
    { key: 'feeBasis', label: t('guide.feeBasis'), children: guide.feeBasis || '—' },
    {
      key: 'result',
      label: t('guide.result'),
      children: [guide.resultType, guide.resultName].filter(Boolean).join(' · ') || '—',
    },
    { key: 'online', label: t('guide.online'), children: guide.onlineAllowed ? t('guide.onlineYes') : t('guide.onlineNo') },
    { key: 'location', label: t('guide.location'), children: guide.location || '—' },
    { key: 'phone', label: t('guide.phone'), children: guide.phone ? <a href={`tel:${guide.phone}`}>{guide.phone}</a> : '—' },
  ];
  if (guide.deemedApproval) basic.push({ key: 'deemed', label: t('guide.deemed'), children: t('guide.deemedYes') });
  if (guide.events?.length)
    basic.push({
      key: 'events',
      label: t('guide.events'),
      children: guide.events.map((e) => (
        <Tag key={e} color="geekblue">
          {e}
        </Tag>
      )),
    });

  const materialColumns: TableColumnsType<Material> = [
    { title: t('guide.mat.index'), key: 'index', width: 60, render: (_, __, i) => i + 1 },
    {
      title: t('guide.mat.name'),
      dataIndex: 'name',
      render: (_, m) => (
        <>
          {localName(m, lang)}
          {!m.required && m.condition && (
            <div>
              <Text type="secondary">{t('material.conditionalWhen', { condition: m.condition })}</Text>
            </div>
          )}
          <MaterialDownloads files={files.get(m.code)} label={bt('guide.downloads')} />
        </>
      ),
    },
    { title: t('guide.mat.form'), dataIndex: 'form', width: 120, render: (_, m) => materialFormLabel(t, m.form) },
    { title: t('guide.mat.copies'), dataIndex: 'copies', width: 70 },
    {
      title: t('guide.mat.required'),
      dataIndex: 'required',
      width: 100,
      render: (_, m) =>
        m.required ? <Tag color="red">{t('material.required')}</Tag> : <Tag color="orange">{t('material.conditional')}</Tag>,
    },
    { title: t('guide.mat.source'), dataIndex: 'source', responsive: ['md'], render: (v?: string) => v || '—' },
  ];

  const stageColumns: TableColumnsType<JointStage> = [
    { title: t('guide.stage.index'), key: 'index', width: 70, render: (_, __, i) => i + 1 },
    { title: t('guide.stage.name'), dataIndex: 'name' },
    { title: t('guide.stage.limit'), dataIndex: 'limitDays', width: 140, render: (v: number) => daysText(t, v) },
    {
      title: t('guide.stage.departments'),
      key: 'departments',
      render: (_, s) =>
        s.departments.map((d) => (
          <Tag key={d.code} color={d.lead ? 'blue' : undefined}>
            {deptLabel(d.code)}
            {d.lead ? ` (${t('guide.stage.lead')})` : ''}
          </Tag>
        )),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="guide">
      {back}
      <Card>
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Title level={3} style={{ margin: 0 }} data-testid="guide-name">
            {localName(guide, lang)}
          </Title>
          {/* In English mode the official Chinese name stays in sight: it is what the papers say. */}
          {lang === 'en' && guide.nameEn && (
            <Text type="secondary" lang="zh-CN" data-testid="guide-name-zh">
              {guide.name}
            </Text>
          )}
          <Space wrap>
            <KindTag kind={guide.kind} />
            <Text type="secondary">{deptLabel(guide.department.code, guide.department.name)}</Text>
            <Text type="secondary">{t('guide.version', { v: guide.version, date: guide.publishedOn })}</Text>
          </Space>
          <Space wrap className="ow-no-print">
            <Button type="primary" icon={<PrinterOutlined />} href={guide.links.guide} target="_blank" rel="noopener" data-testid="print-guide">
              {t('portal.printGuide')}
            </Button>
            <Button icon={<PrinterOutlined />} href={guide.links.notice} target="_blank" rel="noopener" data-testid="print-notice">
              {t('portal.printNotice')}
            </Button>
            {guide.onlineAllowed && <ApplyOnlineButton code={guide.code} />}
            <BookingButton itemCode={guide.code} />
          </Space>
        </Space>
      </Card>

      <Card title={t('guide.basic')}>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={basic} />
      </Card>

      <Card title={t('guide.legalBasis')}>
        <Paragraph className="ow-pre" style={{ marginBottom: 0 }}>
          {guide.legalBasis || '—'}
        </Paragraph>
      </Card>

      <Card title={t('guide.conditions')}>
        <Paragraph className="ow-pre" style={{ marginBottom: 0 }}>
          {guide.conditions || '—'}
        </Paragraph>
      </Card>

      <Card title={t('guide.procedure')}>
        {guide.procedure.length ? (
          <Steps
            size="small"
            titlePlacement="vertical"
            responsive
            items={guide.procedure.map((s) => ({ title: s, status: 'process' as const }))}
          />
        ) : (
          '—'
        )}
      </Card>

      <Card title={t('guide.materials')}>
        <Alert type="info" showIcon title={t('guide.materialsHint')} style={{ marginBottom: 12 }} />
        {narrow ? (
          guide.materials.length === 0 ? (
            <Text type="secondary" data-testid="guide-materials">
              {t('common.none')}
            </Text>
          ) : (
          // A numbered list (not antd's List, deprecated in antd 6); keyed by the material code like the table rows.
          <ol data-testid="guide-materials" className="ow-material-list">
            {guide.materials.map((m) => (
              <li key={m.code || m.name} data-row-key={m.code || m.name}>
                <div className="ow-material-name">{localName(m, lang)}</div>
                <Space wrap size={[8, 4]} style={{ marginTop: 4 }}>
                  {m.required ? <Tag color="red">{t('material.required')}</Tag> : <Tag color="orange">{t('material.conditional')}</Tag>}
                  <Text type="secondary">{materialFormLabel(t, m.form)}</Text>
                  <Text type="secondary">
                    {t('guide.mat.copies')}: {m.copies}
                  </Text>
                </Space>
                {!m.required && m.condition && (
                  <div>
                    <Text type="secondary">{t('material.conditionalWhen', { condition: m.condition })}</Text>
                  </div>
                )}
                {m.source && (
                  <div>
                    <Text type="secondary">
                      {t('guide.mat.source')}: {m.source}
                    </Text>
                  </div>
                )}
                <MaterialDownloads files={files.get(m.code)} label={bt('guide.downloads')} />
              </li>
            ))}
          </ol>
          )
        ) : (
          <Table<Material>
            data-testid="guide-materials"
            rowKey={(m) => m.code || m.name}
            size="small"
            pagination={false}
            columns={materialColumns}
            dataSource={guide.materials}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('common.none') }}
          />
        )}
      </Card>

      <ProcessingTimeCard code={guide.code} />

      {guide.stages?.length > 0 && (
        <Card title={t('guide.stages')}>
          <Table<JointStage>
            data-testid="guide-stages"
            rowKey={(s) => s.name}
            size="small"
            pagination={false}
            columns={stageColumns}
            dataSource={guide.stages}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      )}
    </Space>
  );
}

/** 在线办理: the way into the online application, for items offered online. */
function ApplyOnlineButton({ code }: { code: string }) {
  const at = useAccountT();
  return (
    <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(applyHref(code))} data-testid="apply-online">
      {at('apply.online')}
    </Button>
  );
}
