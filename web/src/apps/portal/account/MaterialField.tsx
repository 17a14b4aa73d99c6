/**
 * One material of an application: upload files (PDF/JPG/PNG, the size limit said before a file is
 * picked and checked before it is sent) or pick an earlier upload or an issued result (材料共用).
 */
import { useState } from 'react';
import { Button, Select, Space, Tag, Typography, Upload, App } from 'antd';
import { DeleteOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiRequestError } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useI18n } from '../../../shared/i18n';
import { fileSize, megabytes, uploadFile, type MaterialChoice } from './applicant-api';
import type { MyMaterials } from '#contract/applicants.js';
import { useAccountT } from './i18n';
import { serverText } from './SignInPage';

const { Text } = Typography;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const KNOWN_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', '']);

export const emptyChoice = (): MaterialChoice => ({ uploads: [], resultCaseNos: [] });
export const chosen = (c: MaterialChoice | undefined) => (c?.uploads.length ?? 0) + (c?.resultCaseNos.length ?? 0) > 0;

export function MaterialField(props: {
  code: string;
  name: string;
  required: boolean;
  maxBytes: number;
  value: MaterialChoice;
  /** Takes an update, so files that finish uploading one after another each add to the newest value. */
  update: (f: (v: MaterialChoice) => MaterialChoice) => void;
  earlier: MyMaterials | null;
  error?: string;
}) {
  const { code, name, required, maxBytes, value, update, earlier, error } = props;
  const t = useAccountT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const size = megabytes(maxBytes);

  async function add(file: File) {
    // The browser's type is only a first filter; the server decides by the content's signature.
    if (!KNOWN_TYPES.has(file.type) || !/\.(pdf|jpe?g|png)$/i.test(file.name)) {
      message.error(t('apply.wrongType', { name: file.name }));
      return;
    }
    if (file.size > maxBytes) {
      message.error(t('apply.tooLarge', { name: file.name, size }));
      return;
    }
    setBusy((n) => n + 1);
    try {
      const up = await uploadFile(file, code);
      update((v) => ({ ...v, uploads: [...v.uploads, up] }));
    } catch (e) {
      message.error(e instanceof ApiRequestError && e.status > 0 ? serverText(e.message, lang) : errorMessage(e, t));
    } finally {
      setBusy((n) => n - 1);
    }
  }

  const reuseOptions = earlier
    ? [
        {
          label: t('apply.reuseUploads'),
          options: earlier.uploads
            .filter((u) => !value.uploads.some((v) => v.id === u.id))
            .map((u) => ({ value: `u:${u.id}`, label: `${u.name}${u.materialNames.length ? `（${u.materialNames.join('、')}）` : ''}` })),
        },
        {
          label: t('apply.reuseResults'),
          options: earlier.results
            .filter((r) => !value.resultCaseNos.includes(r.caseNo))
            .map((r) => ({ value: `r:${r.caseNo}`, label: `${r.resultName} ${r.resultNo}（${r.item.name}）` })),
        },
      ].filter((g) => g.options.length > 0)
    : [];

  function pick(v: string) {
    if (v.startsWith('u:')) {
      const u = earlier?.uploads.find((x) => x.id === v.slice(2));
      if (u) update((x) => ({ ...x, uploads: [...x.uploads, u] }));
    } else update((x) => ({ ...x, resultCaseNos: [...x.resultCaseNos, v.slice(2)] }));
  }

  return (
    <div className="ow-material" data-testid="material" data-code={code} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <Text strong>{name}</Text>
        <Tag color={required ? 'red' : 'default'}>{required ? t('apply.required') : t('apply.optional')}</Tag>
      </Space>
      <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 8px' }} data-testid="material-files">
        {value.uploads.map((u) => (
          <li key={u.id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <FileTextOutlined />
            <a href={u.url} style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
              {u.name}
            </a>
            <Text type="secondary">{fileSize(u.size)}</Text>
            <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={`${t('apply.remove')} ${u.name}`}
              onClick={() => update((v) => ({ ...v, uploads: v.uploads.filter((x) => x.id !== u.id) }))} />
          </li>
        ))}
        {value.resultCaseNos.map((no) => {
          const r = earlier?.results.find((x) => x.caseNo === no);
          return (
            <li key={no} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <FileTextOutlined />
              <span style={{ flex: 1 }}>{r ? `${r.resultName} ${r.resultNo}` : no}</span>
              <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('apply.remove')}
                onClick={() => update((v) => ({ ...v, resultCaseNos: v.resultCaseNos.filter((x) => x !== no) }))} />
            </li>
          );
        })}
      </ul>
      <Space wrap style={{ width: '100%' }}>
        <Upload
          accept={ACCEPT}
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            void add(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy > 0} data-testid={`upload-${code}`}>
            {busy > 0 ? t('apply.uploading') : t('apply.upload')}
          </Button>
        </Upload>
        {reuseOptions.length > 0 && (
          <Select
            style={{ minWidth: 220, maxWidth: '100%' }}
            value={null}
            placeholder={t('apply.reuse')}
            aria-label={t('apply.reuse')}
            options={reuseOptions}
            onChange={(v: string | null) => v && pick(v)}
            data-testid={`reuse-${code}`}
          />
        )}
      </Space>
      <div>
        <Text type="secondary" style={{ fontSize: 12 }}>
          PDF / JPG / PNG · ≤ {size}
        </Text>
      </div>
      {error && (
        <div role="alert" style={{ color: '#cf1322' }}>
          {error}
        </div>
      )}
    </div>
  );
}
