/** The public online hall (网上办事大厅): search the catalog, read an item's guide. */
import { Layout, Space, Typography } from 'antd';
import { FileSearchOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useLocation, Link } from '../../shared/router';
import { useAppT, useI18n } from '../../shared/i18n';
import { LangSwitch } from '../../shared/LangSwitch';
import { useDepartments } from '../../shared/departments';
import { SearchPage } from './SearchPage';
import { GuidePage } from './GuidePage';
import { ProgressPage } from './ProgressPage';
import { PROGRESS_HREF } from './nav';
import * as progressMessages from './progress-messages';

const { Header, Content, Footer } = Layout;

export function PortalApp() {
  const { t } = useI18n();
  const { query } = useLocation();
  const { departments } = useDepartments();
  const itemCode = query.get('item');
  // The printed papers' QR codes and the SMS links point at /?progress=<caseNo>.
  const progress = query.has('progress');
  const pt = useAppT(progressMessages);

  useEffect(() => {
    document.title = t('app.portalTitle');
  }, [t]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ background: '#1d5fb8', padding: '12px 16px', height: 'auto', lineHeight: 1.5 }}>
        <div className="ow-header" style={{ maxWidth: 1200, margin: '0 auto', minHeight: 40 }}>
          <Link href="/" className="ow-brand" data-testid="portal-title">
            {t('app.portalTitle')}
          </Link>
          <Space size="middle" wrap>
            <Link href={PROGRESS_HREF} style={{ color: '#fff' }} data-testid="progress-link">
              <FileSearchOutlined /> {pt('progress.nav')}
            </Link>
            <LangSwitch />
            <a href="/login" style={{ color: '#fff' }} data-testid="staff-login">
              <UserOutlined /> {t('portal.staffLogin')}
            </a>
          </Space>
        </div>
      </Header>
      <Content>
        <div className="ow-content">
          {progress ? (
            <ProgressPage />
          ) : itemCode ? (
            <GuidePage code={itemCode} departments={departments} />
          ) : (
            <SearchPage departments={departments} />
          )}
        </div>
      </Content>
      <Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Footer>
    </Layout>
  );
}
