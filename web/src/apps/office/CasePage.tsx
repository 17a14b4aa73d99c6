/**
 * One case (/office/cases/{caseNo}, bookmarkable): the actions the user may take now on top, the
 * application and materials on the left, the clock and the full record on the right. Supervisors
 * and leaders see the same page without actions.
 */
import { useEffect } from 'react';
import { Button, Card, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../shared/errors';
import { KindTag, LocalName } from '../../shared/labels';
import { Link } from '../../shared/router';
import { ActionPanel, type ActionOutcome } from '../../shared/case/ActionPanel';
import { CaseClock } from '../../shared/case/CaseClock';
import { CaseInfo, CaseMaterials, CasePrintLinks, materialsSummary } from '../../shared/case/CaseDetail';
import { CaseFiles } from '../../shared/case/CaseFiles';
import { CaseStatusTag, WarningTag, useCaseT } from '../../shared/case/ClockBadge';
import { CaseTasks } from '../../shared/case/CaseTasks';
import { CaseTimeline } from '../../shared/case/CaseTimeline';
import { useCase } from '../../shared/case/use-case';
import { isReader, lastListUrl, useOfficeT, type OfficeUser } from './office-t';

const cardStyles = { body: { padding: 12 }, header: { minHeight: 40, padding: '0 12px' } } as const;

export function CasePage({ caseNo, me }: { caseNo: string; me: OfficeUser }) {
  const t = useOfficeT();
  const ct = useCaseT();
  const { data: c, loading, notFound, error, reload } = useCase(caseNo);
  const reader = isReader(me);

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [caseNo]);

  const back = (
    <Link href={lastListUrl()} data-testid="case-back">
      <ArrowLeftOutlined /> {t('case.back')}
    </Link>
  );

  if (notFound) {
    return (
      <Result
        status="404"
        title={<span data-testid="case-not-found">{t('case.notFound')}</span>}
        subTitle={t('case.notFoundHint', { caseNo })}
        extra={back}
      />
    );
  }
  if (error && !c) {
    return (
      <Result
        status="error"
        title={t('case.loadError')}
        subTitle={errorMessage(error, t)}
        extra={
          <Space>
            {back}
            <Button onClick={() => void reload()}>{t('common.retry')}</Button>
          </Space>
        }
      />
    );
  }
  if (!c) {
    return (
      <div data-testid="case-loading">
        <Skeleton active paragraph={{ rows: 2 }} style={{ background: '#fff', padding: 16, borderRadius: 8, marginBottom: 12 }} />
        <Skeleton active paragraph={{ rows: 8 }} style={{ background: '#fff', padding: 16, borderRadius: 8 }} />
      </div>
    );
  }

  async function changed(_: ActionOutcome) {
    await reload();
  }

  const summary = materialsSummary(c.materials);
  return (
    <div data-testid="case-page" data-case-no={c.caseNo} data-version={c.version}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        {back}
        <Button size="small" icon={<ReloadOutlined />} loading={loading} onClick={() => void reload()} data-testid="case-refresh">
          {t('case.refresh')}
        </Button>
      </div>

      <Card styles={{ body: { padding: '12px 16px' } }} style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Space size={8} wrap align="center">
              <Typography.Title level={4} style={{ margin: 0 }} className="ow-case-no" data-testid="case-no">
                {c.caseNo}
              </Typography.Title>
              <CaseStatusTag status={c.status} />
              <WarningTag warning={c.clock.warning} />
              <KindTag kind={c.kind} />
              {c.urgent && <Tag color="red">{ct('case.urgent')}</Tag>}
              {reader && (
                <Tag icon={<EyeOutlined />} data-testid="case-read-only">
                  {t('case.readOnly')}
                </Tag>
              )}
            </Space>
            <div style={{ marginTop: 4, fontSize: 15, wordBreak: 'break-word' }}>
              <LocalName x={c.item} />
              <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                {c.applicant.name}
              </Typography.Text>
            </div>
          </div>
          <CasePrintLinks c={c} />
        </div>
        <div style={{ marginTop: 12, paddingTop: 12, borderTop: '1px solid #f0f0f0' }}>
          <ActionPanel c={c} myDepartment={me.department?.code} readOnly={reader} onChanged={changed} />
        </div>
      </Card>

      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(320px, 380px)', gap: 12, alignItems: 'start' }}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12, minWidth: 0 }}>
          {/* On a joint case who still has to decide matters most, so the stages come first. */}
          {c.tasks.length > 0 && (
            <Card size="small" title={t('case.tasks')} styles={cardStyles}>
              <CaseTasks tasks={c.tasks} myDepartment={me.department?.code} />
            </Card>
          )}
          <Card size="small" title={t('case.info')} styles={cardStyles}>
            <CaseInfo c={c} />
          </Card>
          <Card
            size="small"
            title={t('case.materials')}
            extra={
              <Typography.Text type={summary.missing ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {ct('case.materialsSummary', summary)}
              </Typography.Text>
            }
            styles={cardStyles}
          >
            <CaseMaterials materials={c.materials} />
          </Card>
          <CaseFiles
            caseNo={c.caseNo}
            version={c.version}
            frame={(title, body) => (
              <Card size="small" title={title} styles={cardStyles}>
                {body}
              </Card>
            )}
          />
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12, minWidth: 0 }}>
          <Card size="small" title={t('case.clock')} styles={cardStyles}>
            <CaseClock clock={c.clock} />
          </Card>
          <Card size="small" title={t('case.timeline')} styles={cardStyles}>
            <CaseTimeline caseNo={c.caseNo} version={c.version} materials={c.materials} />
          </Card>
        </div>
      </div>
    </div>
  );
}
