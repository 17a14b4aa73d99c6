/** The item editor's panel for each material's blank form and sample (空白表格 / 示例样表). */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Material } from '@domain/catalog';
import { ApiRequestError, api, fetchMe, seg } from '../../shared/api';
import { useAppT } from '../../shared/i18n';
import { errorMessage } from '../../shared/errors';
import * as messages from './catalog-files-messages';
import type { CatalogFile, CatalogFileList } from '#contract/catalog-files.js';


const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';

/** Multipart is the one body the JSON client does not send; the CSRF token comes from /api/auth/me. */
async function uploadFile(code: string, materialCode: string, purpose: string, file: File): Promise<CatalogFile> {
  const me = await fetchMe();
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('materialCode', materialCode);
  form.append('file', file, file.name);
  const res = await fetch(`/api/admin/items/${seg(code)}/files`, {
    method: 'POST', body: form, credentials: 'same-origin', headers: me ? { 'x-csrf-token': me.csrfToken } : {},
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiRequestError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText, body.details);
  return body as CatalogFile;
}

export function CatalogFilesPanel({ code, materials }: { code: string; materials: Material[] }) {
  const t = useAppT(messages);
  const { message } = App.useApp();
  const [files, setFiles] = useState<CatalogFile[]>([]);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    api.get<CatalogFileList>(`/api/admin/items/${seg(code)}/files`).then((r) => setFiles(r.files)).catch(() => setFiles([]));
  }, [code]);
  useEffect(load, [load]);

  const cell = (m: Material, purpose: 'blank' | 'sample') => {
    const f = files.find((x) => x.materialCode === m.code && x.purpose === purpose);
    const key = `${m.code}/${purpose}`;
    return (
      <Space wrap size="small">
        {f && (
          <a href={f.url} download={f.name} data-testid="admin-file-link">
            <DownloadOutlined /> {f.name}
          </a>
        )}
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          customRequest={({ file }) => {
            setBusy(key);
            uploadFile(code, m.code, purpose, file as File)
              .then((saved) => {
                message.success(t('files.uploaded', { name: saved.name }));
                load();
              })
              .catch((e) => message.error(errorMessage(e, t)))
              .finally(() => setBusy(null));
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy === key} data-testid={`upload-${m.code}-${purpose}`}>
            {f ? t('files.replace') : t('files.upload')}
          </Button>
        </Upload>
        {f && (
          <Popconfirm
            title={t('files.deleteConfirm')}
            onConfirm={() =>
              api.delete(`/api/admin/catalog-files/${seg(f.id)}`).then(() => {
                message.success(t('files.deleted'));
                load();
              }).catch((e) => message.error(errorMessage(e, t)))
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('files.delete')} />
          </Popconfirm>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<Material> = [
    { title: t('files.material'), key: 'name', render: (_, m) => `${m.code} ${m.name}` },
    { title: t('files.blank'), key: 'blank', render: (_, m) => cell(m, 'blank') },
    { title: t('files.sample'), key: 'sample', render: (_, m) => cell(m, 'sample') },
  ];

  return (
    <Card title={t('files.title')} size="small" data-testid="catalog-files">
      <p style={{ marginTop: 0 }}>{t('files.hint')}</p>
      <Table<Material>
        rowKey="code"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={materials}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('files.noMaterials') }}
      />
    </Card>
  );
}
