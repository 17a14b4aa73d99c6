/**
 * The files an applicant uploaded with an online case, for the staff who handle it (desk and back
 * office): each one previewed in place (PDF in a frame, images as they are) or downloaded. The server
 * decides who may read them, as for the case, and writes every read into the case's access log.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { api, seg } from '../api';
import { formatDateTime } from '../labels';
import { useCaseT } from './ClockBadge';
import './case.css';
import type { StaffFile } from '#contract/online.js';

export type { StaffFile };

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const previewUrl = (f: StaffFile) => `${f.url}${f.url.includes('?') ? '&' : '?'}inline=1`;

function Preview({ file, onClose }: { file: StaffFile; onClose: () => void }) {
  const t = useCaseT();
  const pdf = file.mediaType === 'application/pdf';
  return (
    <Modal
      open
      onCancel={onClose}
      width="min(1000px, 94vw)"
      centered
      destroyOnHidden
      title={t('files.previewTitle', { material: file.materialName, name: file.name })}
      footer={[
        <Button key="download" icon={<DownloadOutlined />} href={file.url} download={file.name} data-testid="file-preview-download">
          {t('files.download')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="file-preview-close">
          {t('files.close')}
        </Button>,
      ]}
    >
      <div data-testid="file-preview" data-file-id={file.id} style={{ height: '68vh', background: '#f5f5f5', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        {pdf ? (
          <iframe title={file.name} src={previewUrl(file)} style={{ width: '100%', height: '100%', border: 0 }} data-testid="file-preview-frame" />
        ) : (
          <img alt={file.name} src={previewUrl(file)} style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }} data-testid="file-preview-image" />
        )}
      </div>
    </Modal>
  );
}

/**
 * Loads the case's files again when `version` changes (a resubmission brings new ones). Renders
 * nothing when the case has none (a case handed in at a window); `frame` puts the list in the
 * page's own card.
 */
export function CaseFiles({ caseNo, version, frame }: { caseNo: string; version: number; frame: (title: ReactNode, body: ReactNode) => ReactNode }) {
  const t = useCaseT();
  const [files, setFiles] = useState<StaffFile[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState<StaffFile | null>(null);

  useEffect(() => {
    let live = true;
    api
      .get<StaffFile[]>(`/api/cases/${seg(caseNo)}/files`)
      .then((list) => {
        if (!live) return;
        setFiles(list);
        setFailed(false);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [caseNo, version]);

  if (failed) return frame(t('files.title'), <Alert type="warning" showIcon title={t('files.loadError')} />);
  if (!files || files.length === 0) return null;
  // Current files first within each material; replaced ones stay listed, as the record of what came in.
  const sorted = [...files].sort((a, b) => a.materialCode.localeCompare(b.materialCode) || Number(b.current) - Number(a.current) || b.seq - a.seq);
  return (
    <>
      {frame(
        t('files.title'),
        <ul className="ow-case-files" data-testid="case-files">
          {sorted.map((f) => (
            <li key={`${f.id}:${f.seq}`} data-testid="case-file" data-file-id={f.id} data-code={f.materialCode} data-current={f.current ? 'true' : 'false'}>
              <div className="ow-case-file-main">
                {f.mediaType === 'application/pdf' ? <FilePdfOutlined style={{ color: '#cf1322' }} /> : <FileImageOutlined style={{ color: '#1d5fb8' }} />}
                <Typography.Text type="secondary" className="ow-case-file-material">
                  {f.materialName}
                </Typography.Text>
                <Button type="link" size="small" className="ow-case-file-name" onClick={() => setOpen(f)} title={f.name} data-testid="file-name">
                  {f.name}
                </Button>
                {!f.current && (
                  <Tag title={t('files.replacedHint')} data-testid="file-replaced">
                    {t('files.replaced')}
                  </Tag>
                )}
              </div>
              <Space size={8} className="ow-case-file-side">
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {fileSize(f.size)} · {formatDateTime(f.uploadedAt)}
                </Typography.Text>
                <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(f)} data-testid="file-preview-open">
                  {t('files.preview')}
                </Button>
                <Button size="small" icon={<DownloadOutlined />} href={f.url} download={f.name} data-testid="file-download">
                  {t('files.download')}
                </Button>
              </Space>
            </li>
          ))}
        </ul>,
      )}
      {open && <Preview file={open} onClose={() => setOpen(null)} />}
    </>
  );
}
