/** Browse by department: each active department as a card leading to its items in the search list. */
import { useEffect } from 'react';
import { Card, Col, Empty, Row, Space, Typography } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import type { Department } from '#contract/departments.js';
import { useAppT, useI18n } from '../../../shared/i18n';
import { Link, withQuery } from '../../../shared/router';
import * as messages from './messages';

const { Title, Paragraph } = Typography;

export function DepartmentsPage({ departments }: { departments: Department[] }) {
  const { t: shared, lang } = useI18n();
  const t = useAppT(messages);
  const active = departments.filter((d) => d.status === 'active');

  useEffect(() => {
    document.title = `${t('browse.departments.title')} · ${shared('app.portalShort')}`;
  }, [t, shared]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="departments-page">
      <Card>
        <Title level={3} style={{ margin: 0 }}>{t('browse.departments.title')}</Title>
        <Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('browse.departments.intro')}</Paragraph>
      </Card>
      <Card>
        {active.length === 0 ? (
          <Empty description={t('browse.empty')} />
        ) : (
          <Row gutter={[12, 12]}>
            {active.map((d) => (
              <Col key={d.code} xs={12} sm={8} md={6} lg={4}>
                <Link href={withQuery('/', { department: d.code })} data-testid="department-link" data-code={d.code} style={{ display: 'block', height: '100%' }}>
                  <Card hoverable size="small" style={{ height: '100%', textAlign: 'center' }}>
                    <ApartmentOutlined style={{ fontSize: 24, color: '#1d5fb8' }} aria-hidden />
                    <div style={{ marginTop: 8 }}>{lang === 'en' && d.nameEn ? d.nameEn : d.name}</div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Space>
  );
}
