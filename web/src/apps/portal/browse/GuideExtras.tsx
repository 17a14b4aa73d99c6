/** Parts of the item guide that come from other records: the forms to download and the real processing time. */
import { useEffect, useState } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, seg } from '../../../shared/api';
import { useAppT } from '../../../shared/i18n';
import * as messages from './messages';
import type { CatalogFile } from '#contract/catalog-files.js';
import type { ProcessingTimes } from '#contract/transparency.js';

/** The item's blank forms and samples by material code; empty while loading or when the call fails. */
export function useMaterialFiles(code: string): Map<string, CatalogFile[]> {
  const [files, setFiles] = useState<Map<string, CatalogFile[]>>(new Map());
  useEffect(() => {
    let alive = true;
    setFiles(new Map());
    api
      .get<{ files: CatalogFile[] }>(`/api/public/items/${seg(code)}/files`)
      .then((r) => {
        if (!alive) return;
        const byMaterial = new Map<string, CatalogFile[]>();
        for (const f of r.files) byMaterial.set(f.materialCode, [...(byMaterial.get(f.materialCode) ?? []), f]);
        setFiles(byMaterial);
      })
      // The guide is whole without its downloads: a failure here shows none rather than an error.
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [code]);
  return files;
}

/** Next to a material's name: its blank form and sample, when an admin uploaded them. */
export function MaterialDownloads({ files, label }: { files: CatalogFile[] | undefined; label: string }) {
  const t = useAppT(messages);
  if (!files?.length) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 12px', marginTop: 4 }} aria-label={label} role="group">
      {files.map((f) => (
        <a key={f.id} href={f.url} download={f.name} data-testid="material-download" data-purpose={f.purpose} title={f.name}>
          <DownloadOutlined /> {t(f.purpose === 'blank' ? 'guide.blank' : 'guide.sample')}
        </a>
      ))}
    </div>
  );
}

/**
 * The published real processing time of the last 30 days. The figure is the statistics side's
 * (GET /api/public/processing-times); until that exists, or when the item has no completed case,
 * nothing is shown.
 */
export function ProcessingTimeCard({ code }: { code: string }) {
  const t = useAppT(messages);
  const [data, setData] = useState<ProcessingTimes | null>(null);
  useEffect(() => {
    let alive = true;
    setData(null);
    api
      .get<ProcessingTimes>('/api/public/processing-times', { item: code })
      .then((d) => alive && setData(d))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [code]);
  const row = data?.items?.find((i) => i.itemCode === code);
  if (!data || !row || !row.completed || row.avgDays === null) return null;
  const days = (n: number | null) => (n === null ? '—' : t('guide.realTime.days', { n: Number.isInteger(n) ? n : n.toFixed(1) }));
  return (
    <Card title={t('guide.realTime')} data-testid="guide-real-time">
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Statistic title={t('guide.realTime.avg')} value={days(row.avgDays)} />
        </Col>
        <Col xs={24} sm={8}>
          <Statistic title={t('guide.realTime.p90')} value={days(row.p90Days)} />
        </Col>
        <Col xs={24} sm={8}>
          <Statistic title={t('guide.realTime.count')} value={row.completed} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {t('guide.realTime.range', { from: data.from, to: data.to })}
      </Typography.Text>
    </Card>
  );
}
