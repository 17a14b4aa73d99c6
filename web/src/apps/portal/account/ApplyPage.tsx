/**
 * 在线申请: the item's form for an item offered online. The applicant's data come prefilled from
 * the account's last application; each material takes uploads or earlier materials (材料共用).
 * The draft has one Idempotency-Key, so a retried submit answers the first case instead of a second.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { isValidCreditCode, isValidResidentId } from '@domain/identity';
import { ApiRequestError, api, seg } from '../../../shared/api';
import type { ItemGuide } from '#contract/catalog.js';
import type { ActionAnswer } from '#contract/cases.js';
import { errorMessage } from '../../../shared/errors';
import { useI18n } from '../../../shared/i18n';
import { Link, navigate } from '../../../shared/router';
import { myCaseHref, signInHref, applyHref } from '../nav';
import { megabytes, newDraftKey, useApplicant, type MaterialChoice } from './applicant-api';
import type { ApplicantMe, MyMaterials } from '#contract/applicants.js';
import { useAccountT } from './i18n';
import { MaterialField, chosen, emptyChoice } from './MaterialField';
import { serverText } from './SignInPage';

const { Title, Paragraph, Text } = Typography;

interface FormValues {
  kind: 'person' | 'organization';
  name: string;
  idNumber?: string;
  creditCode?: string;
  agentName?: string;
  agentId?: string;
  agentRelation?: string;
}

export function ApplyPage({ code }: { code: string }) {
  const t = useAccountT();
  const session = useApplicant();
  const [guide, setGuide] = useState<ItemGuide | null>(null);
  const [loadError, setLoadError] = useState<{ status: number; text: string } | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .get<ItemGuide>(`/api/items/${seg(code)}`)
      .then((g) => alive && setGuide(g))
      .catch((e) => alive && setLoadError({ status: e instanceof ApiRequestError ? e.status : 0, text: errorMessage(e, t) }));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);

  useEffect(() => {
    document.title = `${t('apply.title')}${guide ? ` · ${guide.name}` : ''} · ${t('app.portalShort')}`;
  }, [t, guide]);

  if (session.status === 'out') {
    return (
      <Result
        status="info"
        title={t('signIn.needed')}
        extra={
          <Button type="primary" onClick={() => navigate(signInHref(applyHref(code)))} data-testid="apply-signin">
            {t('acct.nav.signIn')}
          </Button>
        }
      />
    );
  }
  if (loadError) {
    return <Result status={loadError.status === 404 ? '404' : 'error'} title={loadError.status === 404 ? t('apply.notFound') : loadError.text} />;
  }
  if (session.status === 'loading' || !guide) return <Skeleton active />;
  if (!guide.onlineAllowed) {
    return (
      <Result
        status="warning"
        title={guide.name}
        subTitle={t('apply.notOnline')}
        extra={<Link href={`/?item=${encodeURIComponent(code)}`}>{t('acct.back')}</Link>}
        data-testid="apply-not-online"
      />
    );
  }
  return <ApplyForm guide={guide} me={session.me} />;
}

function ApplyForm({ guide, me }: { guide: ItemGuide; me: ApplicantMe }) {
  const t = useAccountT();
  const { lang } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const [choices, setChoices] = useState<Record<string, MaterialChoice>>({});
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [earlier, setEarlier] = useState<MyMaterials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // One key per draft: the same submit retried gets the first answer back.
  const draftKey = useMemo(() => newDraftKey(), []);
  const profile = me.applicant.profile;

  useEffect(() => {
    api.get<MyMaterials>('/api/applicant/materials').then(setEarlier).catch(() => setEarlier(null));
  }, []);

  const initial: FormValues = {
    kind: profile?.kind ?? 'person',
    name: profile?.name ?? '',
    idNumber: profile?.idNumber,
    creditCode: profile?.creditCode,
    agentName: profile?.agent?.name,
    agentId: profile?.agent?.idNumber,
    agentRelation: profile?.agent?.relation,
  };

  const update = (code: string) => (f: (v: MaterialChoice) => MaterialChoice) => {
    setChoices((c) => ({ ...c, [code]: f(c[code] ?? emptyChoice()) }));
    setMaterialErrors((e) => ({ ...e, [code]: '' }));
    setError(null);
  };

  async function submit(v: FormValues) {
    setError(null);
    const missing = Object.fromEntries(guide.materials.filter((m) => m.required && !chosen(choices[m.code])).map((m) => [m.code, t('apply.missing', { name: m.name })]));
    setMaterialErrors(missing);
    if (Object.keys(missing).length) {
      setError(t('apply.fixErrors'));
      return;
    }
    const body = {
      itemCode: guide.code,
      center: guide.center.code,
      applicant: {
        kind: v.kind,
        name: v.name.trim(),
        ...(v.kind === 'person' ? { idNumber: v.idNumber!.trim().toUpperCase() } : { creditCode: v.creditCode!.trim().toUpperCase() }),
      },
      ...(v.kind === 'organization' ? { agent: { name: v.agentName!.trim(), idNumber: v.agentId!.trim().toUpperCase(), relation: v.agentRelation!.trim() } } : {}),
      materials: guide.materials
        .filter((m) => chosen(choices[m.code]))
        .map((m) => {
          const c = choices[m.code]!;
          return {
            code: m.code,
            ...(c.uploads.length ? { uploadIds: c.uploads.map((u) => u.id) } : {}),
            ...(c.resultCaseNos.length ? { resultCaseNos: c.resultCaseNos } : {}),
          };
        }),
    };
    setSaving(true);
    try {
      const res = await api.post<ActionAnswer>('/api/applicant/applications', body, { 'Idempotency-Key': draftKey });
      navigate(`${myCaseHref(res.caseNo)}&new=1`);
    } catch (e) {
      setError(e instanceof ApiRequestError && e.status > 0 ? serverText(e.message, lang) : errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  const idRule = (msg: string, ok: (s: string) => boolean) => ({
    validator: (_: unknown, value?: string) => (value && ok(value.trim().toUpperCase()) ? Promise.resolve() : Promise.reject(new Error(msg))),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="apply-page">
      <Link href={`/?item=${encodeURIComponent(guide.code)}`}>
        <ArrowLeftOutlined /> {t('acct.back')}
      </Link>
      <Card>
        <Title level={3} style={{ marginTop: 0 }}>
          {t('apply.title')}：{guide.name}
        </Title>
        <Text type="secondary">{guide.department.name}</Text>
      </Card>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} onFinishFailed={() => setError(t('apply.fixErrors'))} scrollToFirstError>
        <Card title={t('apply.applicant')} style={{ marginBottom: 16 }}>
          <Form.Item name="kind" label={t('apply.kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'person', label: t('apply.kind.person') },
                { value: 'organization', label: t('apply.kind.organization') },
              ]}
              data-testid="apply-kind"
            />
          </Form.Item>
          <Form.Item name="name" label={kind === 'person' ? t('apply.name') : t('apply.orgName')} rules={[{ required: true, whitespace: true, message: t('apply.nameRequired') }]}>
            <Input maxLength={kind === 'person' ? 50 : 100} data-testid="apply-name" />
          </Form.Item>
          {kind === 'person' ? (
            <Form.Item name="idNumber" label={t('apply.idNumber')} rules={[idRule(t('apply.idNumberBad'), (s) => isValidResidentId(s))]}>
              <Input maxLength={18} data-testid="apply-id" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="creditCode" label={t('apply.creditCode')} rules={[idRule(t('apply.creditCodeBad'), isValidCreditCode)]}>
                <Input maxLength={18} data-testid="apply-credit" />
              </Form.Item>
              <Form.Item name="agentName" label={t('apply.agentName')} rules={[{ required: true, whitespace: true, message: t('apply.nameRequired') }]}>
                <Input maxLength={50} data-testid="apply-agent-name" />
              </Form.Item>
              <Form.Item name="agentId" label={t('apply.agentId')} rules={[idRule(t('apply.idNumberBad'), (s) => isValidResidentId(s))]}>
                <Input maxLength={18} data-testid="apply-agent-id" />
              </Form.Item>
              <Form.Item name="agentRelation" label={t('apply.agentRelation')} rules={[{ required: true, whitespace: true, message: t('apply.nameRequired') }]}>
                <Input maxLength={50} placeholder={t('apply.agentRelationPlaceholder')} data-testid="apply-agent-relation" />
              </Form.Item>
            </>
          )}
          <Form.Item label={t('apply.phone')}>
            <Input value={me.applicant.phone} disabled />
          </Form.Item>
        </Card>
        <Card title={t('apply.materials')} style={{ marginBottom: 16 }}>
          <Paragraph type="secondary" data-testid="upload-limit">
            {t('apply.materialsHint', { size: megabytes(me.uploadLimit.maxBytes) })}
          </Paragraph>
          {guide.materials.map((m) => (
            <MaterialField
              key={m.code}
              code={m.code}
              name={m.name}
              required={m.required}
              maxBytes={me.uploadLimit.maxBytes}
              value={choices[m.code] ?? emptyChoice()}
              update={update(m.code)}
              earlier={earlier}
              error={materialErrors[m.code] || undefined}
            />
          ))}
        </Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="apply-error" role="alert" />}
        <Button type="primary" htmlType="submit" size="large" block loading={saving} data-testid="apply-submit">
          {t('apply.submit')}
        </Button>
      </Form>
    </Space>
  );
}
