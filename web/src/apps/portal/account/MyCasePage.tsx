/**
 * One of my cases: status and clock, the desk's one-time list of what to fix, and — when the case
 * was returned in pre-review — new files for exactly those materials and the resubmit.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Timeline, Typography, App } from 'antd';
import { ArrowLeftOutlined, FileTextOutlined } from '@ant-design/icons';
import { ApiRequestError, api, seg } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useI18n } from '../../../shared/i18n';
import { formatDateTime } from '../../../shared/labels';
import { Link, navigate, useLocation } from '../../../shared/router';
import { MY_CASES_HREF, myCaseHref, signInHref } from '../nav';
import { fileSize, label, megabytes, useApplicant, type MaterialChoice } from './applicant-api';
import type { MyCaseDetail, MyMaterials } from '#contract/applicants.js';
import { ClockLine, StatusTag } from './ClockLine';
import { useAccountT } from './i18n';
import { MaterialField, chosen, emptyChoice } from './MaterialField';
import { serverText } from './SignInPage';
import { CaseRating } from './CaseRating';

const { Title, Text, Paragraph } = Typography;

export function MyCasePage({ caseNo }: { caseNo: string }) {
  const t = useAccountT();
  const { lang } = useI18n();
  const { query } = useLocation();
  const session = useApplicant();
  const [c, setCase] = useState<MyCaseDetail | null>(null);
  const [loadError, setLoadError] = useState<{ status: number; text: string } | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    document.title = `${t('case.title')} ${caseNo} · ${t('app.portalShort')}`;
  }, [t, caseNo]);

  useEffect(() => {
    if (session.status !== 'in') return;
    let alive = true;
    api
      .get<MyCaseDetail>(`/api/applicant/cases/${seg(caseNo)}`)
      .then((d) => alive && setCase(d))
      .catch((e) => alive && setLoadError({ status: e instanceof ApiRequestError ? e.status : 0, text: errorMessage(e, t) }));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.status, caseNo, tick]);

  if (session.status === 'out') {
    return (
      <Result status="info" title={t('signIn.needed')}
        extra={<Button type="primary" onClick={() => navigate(signInHref(myCaseHref(caseNo)))}>{t('acct.nav.signIn')}</Button>} />
    );
  }
  if (loadError) return <Result status={loadError.status === 404 ? '404' : 'error'} title={loadError.status === 404 ? t('case.notFound') : loadError.text} />;
  if (!c) return <Skeleton active />;

  const canResubmit = c.allowedActions.includes('resubmit');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-case-page" data-case-no={c.caseNo} data-status={c.status}>
      <Link href={MY_CASES_HREF}>
        <ArrowLeftOutlined /> {t('mine.title')}
      </Link>
      {query.get('new') === '1' && c.status === 'submitted' && (
        <Alert type="success" showIcon title={t('apply.submitted', { caseNo: c.caseNo })} data-testid="apply-done" />
      )}
      <Card>
        <Title level={3} style={{ marginTop: 0, marginBottom: 8 }}>
          {c.item.name}
        </Title>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'status', label: t('case.status'), children: <StatusTag status={c.status} text={label(c.statusLabel, lang)} /> },
            { key: 'no', label: t('mine.caseNo'), children: c.caseNo },
            { key: 'dept', label: t('case.department'), children: c.department.name },
            { key: 'applicant', label: t('case.applicant'), children: c.applicant.name },
            { key: 'promised', label: t('case.promised'), children: t('case.promisedDays', { n: c.clock.promisedDays }) },
            { key: 'due', label: t('mine.due'), children: <ClockLine clock={c.clock} /> },
            { key: 'visits', label: t('mine.visits'), children: t('mine.visitsN', { n: c.visits }) },
            ...(c.resultNo ? [{ key: 'result', label: t('case.result'), children: c.resultNo }] : []),
            { key: 'next', label: t('mine.next'), children: <span data-testid="my-next">{label(c.nextStep, lang)}</span> },
          ]}
        />
      </Card>
      {c.toFix && (
        <Alert
          type="warning"
          showIcon
          data-testid="to-fix"
          title={t('case.toFix')}
          description={
            <>
              <ol style={{ paddingInlineStart: 20, margin: '4px 0' }}>
                {c.toFix.materials.map((m) => (
                  <li key={m.code} data-testid="to-fix-item" data-code={m.code}>
                    {m.name}
                  </li>
                ))}
              </ol>
              {c.toFix.comment && (
                <Paragraph style={{ margin: 0 }} data-testid="to-fix-comment">
                  {t('case.toFixComment')}：{c.toFix.comment}
                </Paragraph>
              )}
            </>
          }
        />
      )}
      <CaseRating caseNo={c.caseNo} status={c.status} />
      {canResubmit && c.toFix && (
        <FixForm c={c} onDone={() => setTick((n) => n + 1)} maxBytes={session.status === 'in' ? session.me.uploadLimit.maxBytes : 0} />
      )}
      <Card title={t('case.materials')} size="small">
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {c.materials.map((m) => (
            <li key={m.code} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="my-material" data-code={m.code}>
              <Text strong>{m.name}</Text>
              {m.files.length === 0 ? (
                <div>
                  <Text type="secondary">{m.note ?? t('case.noFiles')}</Text>
                </div>
              ) : (
                m.files.map((f) => (
                  <div key={f.id}>
                    <FileTextOutlined />{' '}
                    <a href={f.url} data-testid="my-file">
                      {f.name}
                    </a>{' '}
                    <Text type="secondary">{fileSize(f.size)}</Text>
                  </div>
                ))
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('case.timeline')} size="small">
        <Timeline
          items={[...c.timeline].reverse().map((e, i) => ({
            key: i,
            content: (
              <>
                <div>
                  <Text strong>{label(e.statusLabel, lang)}</Text> <Text type="secondary">{formatDateTime(e.at)}</Text>
                </div>
                <Text type="secondary">{label(e.by, lang)}</Text>
                {e.comment && <div>{e.comment}</div>}
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

function FixForm({ c, onDone, maxBytes }: { c: MyCaseDetail; onDone: () => void; maxBytes: number }) {
  const t = useAccountT();
  const { lang } = useI18n();
  const [choices, setChoices] = useState<Record<string, MaterialChoice>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [earlier, setEarlier] = useState<MyMaterials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const list = c.toFix?.materials ?? [];

  useEffect(() => {
    api.get<MyMaterials>('/api/applicant/materials').then(setEarlier).catch(() => setEarlier(null));
  }, []);

  const update = (code: string) => (f: (v: MaterialChoice) => MaterialChoice) => {
    setChoices((x) => ({ ...x, [code]: f(x[code] ?? emptyChoice()) }));
    setErrors((e) => ({ ...e, [code]: '' }));
  };

  async function resubmit() {
    setError(null);
    const missing = Object.fromEntries(list.filter((m) => !chosen(choices[m.code])).map((m) => [m.code, t('apply.missing', { name: m.name })]));
    setErrors(missing);
    if (Object.keys(missing).length) return setError(t('apply.fixErrors'));
    setSaving(true);
    try {
      await api.post(`/api/applicant/cases/${seg(c.caseNo)}/actions`, {
        action: 'resubmit',
        expectedVersion: c.version,
        materials: list.map((m) => {
          const x = choices[m.code]!;
          return {
            code: m.code,
            ...(x.uploads.length ? { uploadIds: x.uploads.map((u) => u.id) } : {}),
            ...(x.resultCaseNos.length ? { resultCaseNos: x.resultCaseNos } : {}),
          };
        }),
      });
      message.success(t('case.resubmitted'));
      onDone();
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('case.conflict'));
        onDone();
      } else setError(e instanceof ApiRequestError && e.status > 0 ? serverText(e.message, lang) : errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  const byCode = new Map(c.materials.map((m) => [m.code, m]));
  return (
    <Card title={t('case.fixTitle')} data-testid="fix-form">
      <Paragraph type="secondary">
        {t('case.fixHint')} {t('apply.materialsHint', { size: megabytes(maxBytes) })}
      </Paragraph>
      {list.map((m) => (
        <MaterialField
          key={m.code}
          code={m.code}
          name={m.name}
          required={byCode.get(m.code)?.required ?? true}
          maxBytes={maxBytes}
          value={choices[m.code] ?? emptyChoice()}
          update={update(m.code)}
          earlier={earlier}
          error={errors[m.code] || undefined}
        />
      ))}
      {error && <Alert type="error" showIcon title={error} style={{ margin: '16px 0' }} role="alert" data-testid="fix-error" />}
      <Button type="primary" size="large" block style={{ marginTop: 16 }} loading={saving} onClick={resubmit} data-testid="resubmit">
        {t('case.resubmit')}
      </Button>
    </Card>
  );
}
