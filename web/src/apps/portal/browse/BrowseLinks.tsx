/** The portal header's links to browsing by topic and by department. */
import { Space } from 'antd';
import { AppstoreOutlined, ApartmentOutlined } from '@ant-design/icons';
import { useAppT } from '../../../shared/i18n';
import { Link } from '../../../shared/router';
import * as messages from './messages';
import { EVENTS_HREF } from '../nav';

export const DEPARTMENTS_HREF = '/?departments';

export function BrowseLinks() {
  const t = useAppT(messages);
  return (
    <Space size="middle" wrap>
      <Link href={EVENTS_HREF} style={{ color: '#fff' }} data-testid="events-nav">
        <AppstoreOutlined /> {t('browse.nav.events')}
      </Link>
      <Link href={DEPARTMENTS_HREF} style={{ color: '#fff' }} data-testid="departments-nav">
        <ApartmentOutlined /> {t('browse.nav.departments')}
      </Link>
    </Space>
  );
}
