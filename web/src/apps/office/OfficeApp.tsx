/**
 * Back office (后台审批) at /office: a department approver's queue and case page; supervisors and
 * leaders read every case and watch the yellow / red list (电子监察), without acting on anything.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Form, Input, Layout, Result, Space } from 'antd';
import { LogoutOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { LangSwitch } from '../../shared/LangSwitch';
import { ROLE_HOME } from '../../shared/roles';
import { Link, navigate, useLocation } from '../../shared/router';
import { OverflowNav } from '../../shared/OverflowNav';
import { useDepartmentName } from '../../shared/case/dept-names';
import { isReader, useOfficeT, type OfficeUser } from './office-t';
import { QueuePage } from './QueuePage';
import { WarningsPage } from './WarningsPage';
import { CasePage } from './CasePage';
import { NoticesPage } from './supervision/NoticesPage';
import { IrregularitiesPage } from './supervision/IrregularitiesPage';
import { IntermediariesPage } from './supervision/IntermediariesPage';
import { useSupervisionT } from './supervision/messages';
import { AlertsNavLabel, AlertsPage } from './supervision/AlertsPage';
import { HeldBackPage } from './supervision/HeldBackPage';
import { useAlertT } from './supervision/alert-messages';
import { ComplaintsPanel, useComplaintT } from '../../shared/complaints/ComplaintsPanel';
import { FollowupsPage } from './FollowupsPage';
import * as followupMessages from './followup-messages';
import { useAppT } from '../../shared/i18n';
import './office.css';
import { signOut, StaffLoading, useStaffMe } from '../../shared/staff-session';

const { Header, Content } = Layout;

type Section = 'queue' | 'warnings' | 'all' | 'notices' | 'irregularities' | 'intermediaries' | 'alerts' | 'held-back' | 'complaints' | 'followups' | null;

function route(pathname: string, me: OfficeUser): { section: Section; page: ReactNode } {
  const [, first, arg] = pathname.replace(/\/+$/, '').split('/').filter(Boolean); // ['office', ...]
  const reader = isReader(me);
  if (!first) return reader ? { section: 'warnings', page: <WarningsPage /> } : { section: 'queue', page: <QueuePage me={me} scope="department" /> };
  if (first === 'all' && !arg && reader) return { section: 'all', page: <QueuePage me={me} scope="center" /> };
  if (first === 'notices' && !arg) return { section: 'notices', page: <NoticesPage me={me} /> };
  if (first === 'alerts' && !arg) return { section: 'alerts', page: <AlertsPage reader={reader} /> };
  if (first === 'held-back' && !arg) return { section: 'held-back', page: <HeldBackPage /> };
  if (first === 'complaints' && !arg) return { section: 'complaints', page: <ComplaintsPanel role={me.role} /> };
  if (first === 'followups' && !arg) return { section: 'followups', page: <FollowupsPage me={me} /> };
  if (first === 'irregularities' && !arg && reader) return { section: 'irregularities', page: <IrregularitiesPage /> };
  if (first === 'intermediaries' && !arg && reader) return { section: 'intermediaries', page: <IntermediariesPage /> };
  if (first === 'cases' && arg) {
    const caseNo = decodeURIComponent(arg);
    return { section: null, page: <CasePage key={caseNo} caseNo={caseNo} me={me} /> };
  }
  return { section: null, page: null };
}

/** Case numbers are typed or scanned from the receipt; anything else is left to the server to reject. */
function OpenCaseBox() {
  const t = useOfficeT();
  const [value, setValue] = useState('');
  function open() {
    const no = value.trim().toUpperCase();
    if (!no) return;
    setValue('');
    navigate(`/office/cases/${encodeURIComponent(no)}`);
  }
  return (
    <Form onFinish={open} style={{ display: 'flex' }}>
      <Space.Compact>
        <Input
          size="small"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t('open.placeholder')}
          aria-label={t('open.label')}
          maxLength={20}
          style={{ width: 170 }}
          data-testid="open-case-input"
          allowClear
        />
        <Button size="small" htmlType="submit" icon={<SearchOutlined />} data-testid="open-case-button" title={t('open.label')}>
          {t('open.button')}
        </Button>
      </Space.Compact>
    </Form>
  );
}

export function OfficeApp() {
  const t = useOfficeT();
  const st = useSupervisionT();
  const at = useAlertT();
  const ct = useComplaintT();
  const ft = useAppT(followupMessages);
  const { pathname } = useLocation();
  const deptName = useDepartmentName();
  const { me, loadError } = useStaffMe(t);

  const reader = me ? isReader(me.user) : false;
  useEffect(() => {
    document.title = reader ? t('office.titleSupervision') : t('office.title');
  }, [t, reader]);

  if (!me) return <StaffLoading error={loadError} t={t} />;

  const user = me.user;
  if (user.role !== 'approver' && !reader) {
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Result
          status="403"
          title={<span data-testid="office-forbidden">{t('office.forbidden')}</span>}
          subTitle={t('office.forbiddenHint')}
          extra={
            <Space>
              <Button type="primary" href={ROLE_HOME[user.role] ?? '/'} data-testid="office-home-link">
                {t('office.toHome')}
              </Button>
              <Button onClick={signOut}>{t('office.logout')}</Button>
            </Space>
          }
        />
      </div>
    );
  }

  const { section, page } = route(pathname, user);
  const nav: { key: NonNullable<Section>; href: string; label: ReactNode }[] = reader
    ? [
        { key: 'warnings', href: '/office', label: t('nav.warnings') },
        { key: 'all', href: '/office/all', label: t('nav.all') },
        { key: 'notices', href: '/office/notices', label: st('nav.notices') },
        { key: 'irregularities', href: '/office/irregularities', label: st('nav.irregularities') },
        { key: 'intermediaries', href: '/office/intermediaries', label: st('nav.intermediaries') },
        { key: 'alerts', href: '/office/alerts', label: <AlertsNavLabel /> },
        { key: 'held-back', href: '/office/held-back', label: at('nav.heldBack') },
        { key: 'complaints', href: '/office/complaints', label: ct('cp.nav') },
        { key: 'followups', href: '/office/followups', label: ft('fu.nav') },
      ]
    : [{ key: 'queue', href: '/office', label: t('nav.queue') }, { key: 'notices', href: '/office/notices', label: st('nav.notices') },
      { key: 'alerts', href: '/office/alerts', label: <AlertsNavLabel /> }, { key: 'held-back', href: '/office/held-back', label: at('nav.heldBack') },
      { key: 'complaints', href: '/office/complaints', label: ct('cp.nav') }, { key: 'followups', href: '/office/followups', label: ft('fu.nav') }];
  const dept = user.department ? deptName(user.department.code, user.department.name) : null;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="ow-office-header">
        <a href="/office" className="ow-brand" style={{ flex: 'none' }}>
          {reader ? t('office.titleSupervision') : t('office.title')}
        </a>
        <OverflowNav className="ow-office-nav" itemClassName="ow-office-nav-item" ariaLabel={t('office.title')} active={section} tabs={nav} />
        <OpenCaseBox />
        <LangSwitch />
        <span className="ow-office-user" data-testid="current-user" title={[user.displayName, dept].filter(Boolean).join(' · ')}>
          <UserOutlined /> {user.displayName || user.username}
          {dept && <span className="ow-office-dept" data-testid="current-department">{dept}</span>}
        </span>
        <Button size="small" icon={<LogoutOutlined />} onClick={signOut} data-testid="logout">
          {t('office.logout')}
        </Button>
      </Header>
      <Content className="ow-office-content">
        {page ?? (
          <Result
            status="404"
            title={t('office.notFound')}
            extra={
              <Link href="/office" data-testid="back-to-queue">
                {t('office.toQueue')}
              </Link>
            }
          />
        )}
      </Content>
    </Layout>
  );
}
