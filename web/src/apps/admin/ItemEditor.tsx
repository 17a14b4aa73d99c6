/**
 * The item editor (/admin/items/CODE and /admin/items/new): versions, the ItemContent form of the
 * draft (or of the latest version when there is no draft), save draft, publish, retire.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  CloudUploadOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { ITEM_KINDS, MATERIAL_FORMS } from '@domain/catalog';
import { ApiRequestError, api, seg } from '../../shared/api';
import type { Settings } from '#contract/settings.js';
import type { AdminItem, ItemVersion, PublishResult } from '#contract/catalog.js';
import { useI18n } from '../../shared/i18n';
import { useAdminT } from './admin-t';
import { Link, navigate } from '../../shared/router';
import { StatusTag, formatDateTime } from '../../shared/labels';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import { useDepartments } from '../../shared/departments';
import { CatalogFilesPanel } from './CatalogFilesPanel';
import { EMPTY_ITEM, mapServerPath, nextMaterialCode, toContent, toFormValues, type ItemFormValues } from './item-form';

const { TextArea } = Input;
const { Text } = Typography;

function isValidationFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'errorFields' in e;
}

export function ItemEditor({ code }: { code: string | null }) {
  const isNew = code === null;
  const t = useAdminT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const { departments } = useDepartments('/api/admin/departments');
  const [item, setItem] = useState<AdminItem | null>(null);
  const [loadError, setLoadError] = useState<{ status: number; text: string } | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'publish' | 'retire'>(null);
  const [dirty, setDirty] = useState(false);
  const [publishResult, setPublishResult] = useState<PublishResult | null>(null);
  const [formError, setFormError] = useState<{ text: string; problems: { field: string; message: string }[] } | null>(null);
  const [ratioMax, setRatioMax] = useState(0.6);

  const kind = Form.useWatch('kind', form);
  const statutoryDays = Form.useWatch('statutoryDays', form);
  const promisedDays = Form.useWatch('promisedDays', form);
  const itemName = Form.useWatch('name', form);

  const draft = item?.versions.find((v) => v.status === 'draft') ?? null;
  const base = draft ?? item?.versions[0] ?? null;

  /** Shows an item as the server returned it: the form holds the draft, or the latest version. */
  const applyItem = useCallback(
    (it: AdminItem) => {
      setItem(it);
      const latest = it.versions.find((v) => v.status === 'draft') ?? it.versions[0];
      form.resetFields();
      if (latest) form.setFieldsValue(toFormValues(latest));
      setDirty(false);
      setLoadError(null);
    },
    [form],
  );

  const load = useCallback(async () => {
    if (isNew || !code) return;
    try {
      applyItem(await api.get<AdminItem>(`/api/admin/items/${seg(code)}`));
    } catch (e) {
      setLoadError({ status: e instanceof ApiRequestError ? e.status : 0, text: errorMessage(e, t) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, isNew, applyItem]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    api
      .get<Settings>('/api/admin/settings')
      .then((s) => typeof s?.promisedRatioMax === 'number' && setRatioMax(s.promisedRatioMax))
      .catch(() => undefined);
  }, []);

  // Warn before leaving the page with unsaved changes.
  useEffect(() => {
    if (!dirty) return;
    const handler = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [dirty]);

  function showError(e: unknown) {
    const text = errorMessage(e, t);
    const problems = applyFieldErrors(form, e, mapServerPath);
    setFormError({ text, problems });
    message.error(text);
  }

  /** Validates, sends the draft (or creates the item), reloads. Returns false when nothing was saved. */
  async function saveDraft(): Promise<boolean> {
    try {
      await form.validateFields();
    } catch (e) {
      if (isValidationFailure(e)) {
        message.error(t('common.errorValidation'));
        // The Form's scrollToFirstError only acts on a submit; these buttons validate by hand, and the
        // wrong field may be far down the long form: bring it into view (centred, clear of the sticky bar).
        const first = (e as { errorFields: { name: (string | number)[] }[] }).errorFields[0];
        if (first) {
          form.scrollToField(first.name, { behavior: 'smooth', block: 'center', focus: true });
        }
        return false;
      }
      throw e;
    }
    const values = form.getFieldsValue(true) as ItemFormValues;
    const content = toContent(values);
    setFormError(null);
    try {
      if (isNew) {
        const newCode = (values.code ?? '').trim();
        await api.post<unknown>('/api/admin/items', { code: newCode, department: values.department, ...content });
        setDirty(false);
        message.success(t('editor.created'));
        navigate(`/admin/items/${encodeURIComponent(newCode)}`, { replace: true });
        return true;
      }
      const saved = await api.put<AdminItem>(`/api/admin/items/${seg(code!)}/draft`, content);
      if (saved && Array.isArray(saved.versions)) applyItem(saved);
      else await load();
      message.success(t('editor.saved'));
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  }

  async function onSave() {
    setBusy('save');
    setPublishResult(null);
    try {
      await saveDraft();
    } finally {
      setBusy(null);
    }
  }

  async function onPublish() {
    if (!code) return;
    setBusy('publish');
    setPublishResult(null);
    try {
      if (dirty || !draft) {
        if (!(await saveDraft())) return;
      }
      const r = await api.post<PublishResult>(`/api/admin/items/${seg(code)}/publish`);
      setPublishResult(r);
      if (r.warnings?.length) message.warning(t('editor.publishWarnings', { v: r.version }));
      else message.success(t('editor.published', { v: r.version }));
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  async function onRetire() {
    if (!code) return;
    setBusy('retire');
    try {
      await api.post<unknown>(`/api/admin/items/${seg(code)}/retire`);
      message.success(t('editor.retiredMsg'));
      setPublishResult(null);
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  const departmentOptions = useMemo(
    () =>
      departments
        .filter((d) => d.status === 'active')
        .map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name })),
    [departments, lang],
  );
  const deptLabel = (c: string) => departmentOptions.find((o) => o.value === c)?.label ?? c;

  const versionColumns: TableColumnsType<ItemVersion> = [
    { title: t('editor.ver.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    { title: t('editor.ver.status'), dataIndex: 'status', width: 90, render: (_, v) => <StatusTag status={v.status} /> },
    { title: t('editor.ver.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['md'], render: (v: string) => formatDateTime(v) },
    { title: t('editor.ver.publishedAt'), dataIndex: 'publishedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
    {
      title: t('editor.ver.warnings'),
      dataIndex: 'warnings',
      render: (_, v) =>
        v.warnings?.length ? (
          <Space orientation="vertical" size={0}>
            {v.warnings.map((w) => (
              <Text key={w.code} type="warning">
                {w.message}
              </Text>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  if (loadError) {
    return (
      <Card>
        <Result
          status={loadError.status === 404 ? '404' : 'error'}
          title={loadError.status === 404 ? t('common.notFound') : t('common.error')}
          subTitle={loadError.text}
          extra={<Link href="/admin/items">{t('editor.backToList')}</Link>}
        />
      </Card>
    );
  }
  if (!isNew && !item) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 14 }} />
      </Card>
    );
  }

  const ratio = statutoryDays > 0 && typeof promisedDays === 'number' ? promisedDays / statutoryDays : null;
  const retired = item?.status === 'retired';
  const canPublish = !isNew && !retired && (dirty || !!draft);

  const actions = (
    <Space wrap>
      {dirty && <Tag color="orange">{t('editor.unsaved')}</Tag>}
      <Button icon={<SaveOutlined />} onClick={onSave} loading={busy === 'save'} disabled={retired || (busy !== null && busy !== 'save')} data-testid="save-draft">
        {t('editor.saveDraft')}
      </Button>
      {!isNew && (
        <Tooltip title={canPublish ? undefined : t('editor.nothingToPublish')}>
          {/* Publishing makes the draft public at once and for every new case: asked once more first. */}
          <Popconfirm
            title={t('editor.publishConfirmTitle', { name: itemName || code || '' })}
            description={t('editor.publishConfirm')}
            onConfirm={onPublish}
            okText={t('editor.publish')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'publish-confirm' } as ButtonProps}
            disabled={!canPublish || busy !== null}
          >
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={busy === 'publish'}
              disabled={!canPublish || (busy !== null && busy !== 'publish')}
              data-testid="publish"
            >
              {t('editor.publish')}
            </Button>
          </Popconfirm>
        </Tooltip>
      )}
      {!isNew && !retired && (
        <Popconfirm title={t('editor.retireConfirm')} onConfirm={onRetire} okButtonProps={{ danger: true }} okText={t('editor.retire')} cancelText={t('common.cancel')}>
          <Button danger icon={<StopOutlined />} loading={busy === 'retire'} disabled={busy !== null} data-testid="retire">
            {t('editor.retire')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    // A plain column (not Space, which wraps children) so the sticky action bar sticks for the whole page.
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link href="/admin/items" data-testid="back-to-items">
        <ArrowLeftOutlined /> {t('editor.backToList')}
      </Link>
      {/* The title and the actions stay in view while the long form scrolls. */}
      <Card style={{ position: 'sticky', top: 0, zIndex: 20, boxShadow: '0 2px 8px rgba(0,0,0,0.06)' }} styles={{ body: { padding: '12px 20px' } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
          <Space orientation="vertical" size={2}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="editor-title">
              {isNew ? t('editor.titleNew') : itemName || base?.name}
            </Typography.Title>
            {item && (
              <Space wrap size={4}>
                <Text type="secondary">{item.code}</Text>
                <Text type="secondary">· {deptLabel(item.department.code) || item.department.name}</Text>
                <StatusTag status={item.status} />
              </Space>
            )}
          </Space>
          {actions}
        </div>
      </Card>

      {publishResult && (
        <Alert
          data-testid="publish-result"
          type={publishResult.warnings?.length ? 'warning' : 'success'}
          showIcon
          closable={{ onClose: () => setPublishResult(null) }}
          title={
            publishResult.warnings?.length
              ? t('editor.publishWarnings', { v: publishResult.version })
              : t('editor.published', { v: publishResult.version })
          }
          description={
            publishResult.warnings?.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {publishResult.warnings.map((w) => (
                  <li key={w.code}>{w.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {formError && (
        <Alert
          data-testid="form-error"
          type="error"
          showIcon
          closable={{ onClose: () => setFormError(null) }}
          title={formError.text}
          description={
            formError.problems.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {formError.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.field}</code>: {p.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {retired && <Alert type="warning" showIcon title={t('editor.retiredAlert')} />}
      {base && !retired && (
        <Alert
          type="info"
          showIcon
          title={draft ? t('editor.editingDraft', { v: draft.version }) : t('editor.editingFromLatest', { v: base.version })}
        />
      )}

      {item && item.versions.length > 0 && (
        <Card title={t('editor.versions')} size="small">
          <Table<ItemVersion>
            data-testid="versions-table"
            rowKey="version"
            size="small"
            pagination={false}
            columns={versionColumns}
            dataSource={item.versions}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      )}

      {item && base && <CatalogFilesPanel code={item.code} materials={base.materials} />}

      <Form<ItemFormValues>
        form={form}
        name="item"
        layout="vertical"
        initialValues={EMPTY_ITEM}
        disabled={retired}
        scrollToFirstError
        onValuesChange={(changed: Partial<ItemFormValues>) => {
          setDirty(true);
          if (changed.kind === 'immediate') form.setFieldsValue({ statutoryDays: 0, promisedDays: 0 });
        }}
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('editor.section.basic')}>
            <Row gutter={16}>
              {isNew && (
                <>
                  <Col xs={24} md={12}>
                    <Form.Item
                      label={t('field.code')}
                      name="code"
                      rules={[
                        { required: true, whitespace: true, message: t('common.required', { field: t('field.code') }) },
                        { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, message: t('editor.codePattern') },
                      ]}
                    >
                      <Input data-testid="item-code" maxLength={64} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('field.department')} name="department" rules={[{ required: true, message: t('common.required', { field: t('field.department') }) }]}>
                      <Select data-testid="item-department" options={departmentOptions} showSearch={{ optionFilterProp: 'label' }} />
                    </Form.Item>
                  </Col>
                </>
              )}
              <Col xs={24} md={16}>
                <Form.Item label={t('field.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.name') }) }]}>
                  <Input data-testid="item-name" maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item label={t('field.nameEn')} name="nameEn" extra={t('field.nameEnHelp')}>
                  <Input data-testid="item-nameEn" maxLength={300} lang="en" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('field.kind')} name="kind" rules={[{ required: true }]}>
                  <Select data-testid="item-kind" options={ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('field.category')} name="category" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.category') }) }]}>
                  <Input data-testid="item-category" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item label={t('field.events')} name="events">
                  <Select data-testid="item-events" mode="tags" open={false} suffixIcon={null} placeholder={t('field.eventsPlaceholder')} tokenSeparators={[',', '，']} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('field.legalBasis')} name="legalBasis">
                  <TextArea data-testid="item-legalBasis" autoSize={{ minRows: 2, maxRows: 8 }} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('field.conditions')} name="conditions">
                  <TextArea data-testid="item-conditions" autoSize={{ minRows: 2, maxRows: 8 }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('editor.section.procedure')}>
            <Form.List name="procedure">
              {(fields, { add, remove, move }, { errors }) => (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {fields.map((field, index) => (
                    <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                      <Text type="secondary" style={{ minWidth: 64, lineHeight: '32px' }}>
                        {t('field.procedureStep', { n: index + 1 })}
                      </Text>
                      <Form.Item name={field.name} style={{ flex: 1, marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.procedure') }) }]}>
                        <Input data-testid={`procedure-${index}`} />
                      </Form.Item>
                      <RowButtons index={index} count={fields.length} move={move} remove={() => remove(field.name)} />
                    </div>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="add-step">
                    {t('field.addStep')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </Card>

          <Card title={t('editor.section.limits')}>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Form.Item label={t('field.statutoryDays')} name="statutoryDays" rules={[{ required: true, type: 'integer', min: 0 }]}>
                  <InputNumber data-testid="item-statutoryDays" min={0} max={3650} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  label={t('field.promisedDays')}
                  name="promisedDays"
                  dependencies={['statutoryDays']}
                  extra={
                    kind === 'immediate' ? (
                      t('editor.immediateHint')
                    ) : ratio !== null ? (
                      <Text type={ratio > ratioMax ? 'warning' : 'secondary'} data-testid="promised-ratio">
                        {t('editor.ratio', { p: Math.round(ratio * 100) })}
                      </Text>
                    ) : undefined
                  }
                  rules={[
                    { required: true, type: 'integer', min: 0 },
                    ({ getFieldValue }) => ({
                      validator: (_, value: number | null) =>
                        typeof value === 'number' && value > (getFieldValue('statutoryDays') ?? 0)
                          ? Promise.reject(new Error(t('editor.promisedOverStatutory')))
                          : Promise.resolve(),
                    }),
                  ]}
                >
                  <InputNumber data-testid="item-promisedDays" min={0} max={3650} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('field.fee')} name="feeYuan" rules={[{ required: true, type: 'number', min: 0 }]}>
                  <InputNumber data-testid="item-fee" min={0} precision={2} step={1} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('field.feeStandard')} name="feeStandard">
                  <Input data-testid="item-feeStandard" />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('field.feeBasis')} name="feeBasis">
                  <TextArea data-testid="item-feeBasis" autoSize={{ minRows: 1, maxRows: 6 }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('field.onlineAllowed')} name="onlineAllowed" valuePropName="checked">
                  <Switch data-testid="item-onlineAllowed" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('field.deemedApproval')} name="deemedApproval" valuePropName="checked">
                  <Switch data-testid="item-deemedApproval" />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('editor.section.result')}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item label={t('field.resultType')} name="resultType">
                  <Input data-testid="item-resultType" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item label={t('field.resultName')} name="resultName">
                  <Input data-testid="item-resultName" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item label={t('field.location')} name="location">
                  <Input data-testid="item-location" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('field.phone')} name="phone">
                  <Input data-testid="item-phone" />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('editor.section.materials')}>
            <Form.List name="materials">
              {(fields, { add, remove, move }, { errors }) => (
                <Space orientation="vertical" style={{ width: '100%' }} size="middle">
                  {fields.length === 0 && <Text type="secondary">{t('editor.noMaterials')}</Text>}
                  {fields.map((field, index) => (
                    <div key={field.key} data-testid={`material-${index}`} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0' }}>
                      <Row gutter={12}>
                        <Col xs={8} md={3}>
                          <Form.Item
                            label={t('field.mat.code')}
                            name={[field.name, 'code']}
                            rules={[
                              { required: true, whitespace: true, message: t('common.required', { field: t('field.mat.code') }) },
                              { pattern: /^[A-Za-z0-9_-]{1,20}$/, message: t('editor.codePattern') },
                            ]}
                          >
                            <Input data-testid={`material-${index}-code`} />
                          </Form.Item>
                        </Col>
                        <Col xs={16} md={9}>
                          <Form.Item label={t('field.mat.name')} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.mat.name') }) }]}>
                            <Input data-testid={`material-${index}-name`} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={9}>
                          <Form.Item label={t('field.mat.nameEn')} name={[field.name, 'nameEn']}>
                            <Input data-testid={`material-${index}-nameEn`} maxLength={300} lang="en" />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={4}>
                          <Form.Item label={t('field.mat.form')} name={[field.name, 'form']} rules={[{ required: true }]}>
                            <Select data-testid={`material-${index}-form`} options={MATERIAL_FORMS.map((f) => ({ value: f, label: t(`form.${f}`) }))} />
                          </Form.Item>
                        </Col>
                        <Col xs={6} md={2}>
                          <Form.Item label={t('field.mat.copies')} name={[field.name, 'copies']} rules={[{ required: true, type: 'integer', min: 1, max: 99 }]}>
                            <InputNumber data-testid={`material-${index}-copies`} min={1} max={99} precision={0} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={6} md={2}>
                          <Form.Item label={t('field.mat.required')} name={[field.name, 'required']} valuePropName="checked">
                            <Switch data-testid={`material-${index}-required`} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={4} style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', paddingBottom: 24 }}>
                          <RowButtons index={index} count={fields.length} move={move} remove={() => remove(field.name)} testid={`material-${index}`} />
                        </Col>
                        <Form.Item noStyle dependencies={[['materials', field.name, 'required']]}>
                          {({ getFieldValue }) =>
                            getFieldValue(['materials', field.name, 'required']) ? null : (
                              <Col xs={24} md={12}>
                                <Form.Item
                                  label={t('field.mat.condition')}
                                  name={[field.name, 'condition']}
                                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.mat.condition') }) }]}
                                >
                                  <Input data-testid={`material-${index}-condition`} />
                                </Form.Item>
                              </Col>
                            )
                          }
                        </Form.Item>
                        <Col xs={24} md={12}>
                          <Form.Item label={t('field.mat.source')} name={[field.name, 'source']}>
                            <Input data-testid={`material-${index}-source`} />
                          </Form.Item>
                        </Col>
                      </Row>
                    </div>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    data-testid="add-material"
                    onClick={() =>
                      add({
                        code: nextMaterialCode((form.getFieldValue('materials') as { code?: string }[] | undefined) ?? []),
                        name: '',
                        form: 'original',
                        copies: 1,
                        required: true,
                      })
                    }
                  >
                    {t('field.addMaterial')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </Card>

          {kind === 'joint' && (
            <Card title={t('editor.section.stages')}>
              <Form.List name="stages">
                {(fields, { add, remove, move }, { errors }) => (
                  <Space orientation="vertical" style={{ width: '100%' }} size="middle">
                    {fields.length === 0 && <Text type="warning">{t('editor.noStages')}</Text>}
                    {fields.map((field, index) => (
                      <div key={field.key} data-testid={`stage-${index}`} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0' }}>
                        <Row gutter={12}>
                          <Col xs={24} md={8}>
                            <Form.Item label={t('field.stage.name')} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.stage.name') }) }]}>
                              <Input data-testid={`stage-${index}-name`} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={4}>
                            <Form.Item label={t('field.stage.limitDays')} name={[field.name, 'limitDays']} rules={[{ required: true, type: 'integer', min: 0 }]}>
                              <InputNumber data-testid={`stage-${index}-limitDays`} min={0} precision={0} style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={8}>
                            <Form.Item label={t('field.stage.departments')} name={[field.name, 'departmentCodes']} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('field.stage.departments') }) }]}>
                              <Select data-testid={`stage-${index}-departments`} mode="multiple" options={departmentOptions} showSearch={{ optionFilterProp: "label" }} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={4} style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', paddingBottom: 24 }}>
                            <RowButtons index={index} count={fields.length} move={move} remove={() => remove(field.name)} testid={`stage-${index}`} />
                          </Col>
                          <Form.Item noStyle dependencies={[['stages', field.name, 'departmentCodes']]}>
                            {({ getFieldValue }) => {
                              const codes = (getFieldValue(['stages', field.name, 'departmentCodes']) as string[] | undefined) ?? [];
                              return (
                                <Col xs={24} md={8}>
                                  <Form.Item label={t('field.stage.lead')} name={[field.name, 'lead']} rules={[{ required: true, message: t('common.required', { field: t('field.stage.lead') }) }]}>
                                    <Select data-testid={`stage-${index}-lead`} allowClear options={codes.map((c) => ({ value: c, label: deptLabel(c) }))} />
                                  </Form.Item>
                                </Col>
                              );
                            }}
                          </Form.Item>
                        </Row>
                      </div>
                    ))}
                    <Form.ErrorList errors={errors} />
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', limitDays: 5, departmentCodes: [] })} data-testid="add-stage">
                      {t('field.addStage')}
                    </Button>
                  </Space>
                )}
              </Form.List>
            </Card>
          )}

        </Space>
      </Form>
    </div>
  );
}

function RowButtons({
  index,
  count,
  move,
  remove,
  testid,
}: {
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: () => void;
  testid?: string;
}) {
  const t = useAdminT();
  return (
    <Space size={4}>
      <Tooltip title={t('editor.moveUp')}>
        <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('editor.moveUp')} data-testid={testid ? `${testid}-up` : undefined} />
      </Tooltip>
      <Tooltip title={t('editor.moveDown')}>
        <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => move(index, index + 1)} aria-label={t('editor.moveDown')} data-testid={testid ? `${testid}-down` : undefined} />
      </Tooltip>
      <Tooltip title={t('editor.remove')}>
        <Button size="small" danger icon={<DeleteOutlined />} onClick={remove} aria-label={t('editor.remove')} data-testid={testid ? `${testid}-remove` : undefined} />
      </Tooltip>
    </Space>
  );
}
