/** 我的办件: every case under my number (online or at a window), with its clock and the trips it needed. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Pagination, Result, Skeleton, Space, Typography } from 'antd';
import { api } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useI18n } from '../../../shared/i18n';
import { formatDateTime } from '../../../shared/labels';
import { Link, navigate } from '../../../shared/router';
import { MY_CASES_HREF, myCaseHref, signInHref } from '../nav';
import { label, useApplicant } from './applicant-api';
import type { MyCaseSummary } from '#contract/applicants.js';
import { ClockLine, StatusTag } from './ClockLine';
import { useAccountT } from './i18n';

const { Title } = Typography;
const PAGE_SIZE = 20;

export function MyCasesPage() {
  const t = useAccountT();
  const { lang } = useI18n();
  const session = useApplicant();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: MyCaseSummary[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('mine.title')} · ${t('app.portalShort')}`;
  }, [t]);

  useEffect(() => {
    if (session.status !== 'in') return;
    let alive = true;
    api
      .get<{ items: MyCaseSummary[]; total: number }>('/api/applicant/cases', { page, pageSize: PAGE_SIZE })
      .then((d) => alive && setData(d))
      .catch((e) => alive && setError(errorMessage(e, t)));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.status, page]);

  if (session.status === 'out') {
    return (
      <Result status="info" title={t('signIn.needed')}
        extra={<Button type="primary" onClick={() => navigate(signInHref(MY_CASES_HREF))}>{t('acct.nav.signIn')}</Button>} />
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-cases">
      <Title level={3} style={{ margin: 0 }}>
        {t('mine.title')}
      </Title>
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error && <Skeleton active />}
      {data && data.items.length === 0 && <Empty description={t('mine.empty')} />}
      {data?.items.map((c) => (
        <Card
          key={c.caseNo}
          size="small"
          data-testid="my-case"
          data-case-no={c.caseNo}
          title={<Link href={myCaseHref(c.caseNo)} style={{ whiteSpace: 'normal' }}>{c.item.name}</Link>}
          extra={<StatusTag status={c.status} text={label(c.statusLabel, lang)} />}
        >
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'no', label: t('mine.caseNo'), children: <span data-testid="my-case-no">{c.caseNo}</span> },
              { key: 'received', label: t('mine.received'), children: `${formatDateTime(c.receivedAt)} · ${c.channel === 'online' ? t('mine.channel.online') : t('mine.channel.window')}` },
              { key: 'due', label: t('mine.due'), children: <ClockLine clock={c.clock} /> },
              { key: 'visits', label: t('mine.visits'), children: <span data-testid="my-visits">{t('mine.visitsN', { n: c.visits })}</span> },
              { key: 'next', label: t('mine.next'), children: label(c.nextStep, lang) },
            ]}
          />
          <div style={{ textAlign: 'right' }}>
            <Button type="link" onClick={() => navigate(myCaseHref(c.caseNo))} data-testid="my-case-open">
              {t('mine.open')}
            </Button>
          </div>
        </Card>
      ))}
      {data && data.total > PAGE_SIZE && (
        <Pagination current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} showSizeChanger={false} size="small" />
      )}
    </Space>
  );
}
