/**
 * 便民服务站 — the workplace of a township station (station) and a village room's proxy agent
 * (agent): take applications for villagers into the county (受理), keep the paper ledger (台帐),
 * follow the cases taken here (办件) and hand results back (待领取). Phone first (390 px), tablet
 * too; installable and usable offline (./install.ts, ./sync.ts).
 */
import { useEffect, useState } from 'react';
import { Button, Result, Space, Spin, Tag } from 'antd';
import { CloudOutlined, DisconnectOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { OverflowNav } from '../../shared/OverflowNav';
import { LangSwitch } from '../../shared/LangSwitch';
import { navigate, useLocation } from '../../shared/router';
import { signOut } from '../../shared/staff-session';
import { ROLE_HOME } from '../../shared/roles';
import { useStationT } from './station-t';
import { useOnline, useStationMe } from './session';
import { onOfflineReady } from './install';
import { syncQueue } from './sync';
import { IntakePage } from './IntakePage';
import { CasesPage } from './CasesPage';
import { StationCasePage } from './StationCasePage';
import { LedgerPage } from './LedgerPage';
import './station.css';

type Section = 'intake' | 'ledger' | 'cases' | 'waiting' | 'case' | 'unknown';

function route(pathname: string): { section: Section; caseNo?: string } {
  const [, section, arg] = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (!section) return { section: 'intake' };
  if (section === 'ledger' && !arg) return { section: 'ledger' };
  if (section === 'cases' && !arg) return { section: 'cases' };
  if (section === 'waiting' && !arg) return { section: 'waiting' };
  if (section === 'cases' && arg) return { section: 'case', caseNo: decodeURIComponent(arg) };
  return { section: 'unknown' };
}

const NAV: { section: Section; href: string; label: 'nav.intake' | 'nav.ledger' | 'nav.cases' | 'nav.waiting' }[] = [
  { section: 'intake', href: '/station', label: 'nav.intake' },
  { section: 'ledger', href: '/station/ledger', label: 'nav.ledger' },
  { section: 'cases', href: '/station/cases', label: 'nav.cases' },
  { section: 'waiting', href: '/station/waiting', label: 'nav.waiting' },
];

export function StationApp() {
  const t = useStationT();
  const { pathname } = useLocation();
  const { me, needOnline } = useStationMe();
  const online = useOnline();
  const [offlineReady, setOfflineReady] = useState(false);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  useEffect(() => onOfflineReady(setOfflineReady), []);
  // The transfer list's QR code opens /station?receive=<id>&t=<token>: receiving is the ledger's.
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    if (pathname.replace(/\/+$/, '') === '/station' && q.has('receive')) navigate(`/station/ledger?${q.toString()}`, { replace: true });
  }, [pathname]);

  const user = me?.user.username;
  // Send what was recorded offline: now, whenever the connection returns, and every 30 s meanwhile.
  useEffect(() => {
    if (!user || !online) return;
    void syncQueue(user);
    const timer = window.setInterval(() => void syncQueue(user), 30_000);
    return () => window.clearInterval(timer);
  }, [user, online]);

  if (needOnline) return <Result status="warning" title={t('needOnline')} extra={<Button href="/login?next=%2Fstation">{t('header.logout')}</Button>} />;
  if (!me) {
    return (
      <div className="station-center-screen">
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  }
  const role = me.user.role;
  if (role !== 'station' && role !== 'agent') {
    const home = ROLE_HOME[role];
    return (
      <div className="station-center-screen">
        <Result
          status="403"
          title={t('noAccess.title')}
          subTitle={t('noAccess.text', { name: me.user.displayName || me.user.username, role: t(`role.${role}`) })}
          data-testid="no-access"
          extra={
            <Space wrap>
              {home && <Button href={home}>{t('noAccess.home')}</Button>}
              <Button type="primary" onClick={() => void signOut()}>{t('header.logout')}</Button>
            </Space>
          }
        />
      </div>
    );
  }
  const { section, caseNo } = route(pathname);
  const logout = () => {
    localStorage.removeItem('onewindow.station.me');
    void signOut();
  };

  return (
    <div className="station-app">
      <header className="station-header">
        <div className="station-top">
        <a href="/station" className="station-brand">{t('app.brand')}</a>
        <Tag
          className="station-net"
          color={online ? 'success' : 'warning'}
          icon={online ? <CloudOutlined /> : <DisconnectOutlined />}
          data-testid="net-state"
          data-online={online ? 'yes' : 'no'}
          data-offline-ready={offlineReady ? 'yes' : 'no'}
          title={offlineReady ? t('net.ready') : undefined}
        >
          {online ? t('net.online') : t('net.offline')}
        </Tag>
        <span className="station-user" data-testid="current-user" title={me.user.username}>
          <UserOutlined /> {me.user.displayName || me.user.username}
        </span>
        <LangSwitch />
        <Button size="small" icon={<LogoutOutlined />} onClick={logout} data-testid="logout" aria-label={t('header.logout')} />
        </div>
        <OverflowNav
          className="station-nav"
          itemClassName="station-nav-item"
          ariaLabel={t('nav.label')}
          active={section === 'case' ? 'cases' : section}
          tabs={NAV.map((n) => ({ key: n.section, href: n.href, label: t(n.label) }))}
        />
      </header>
      {!online && <div className="station-offline" role="status" data-testid="offline-banner">{t('net.offlineHint')}</div>}
      <main className="station-main">
        <IntakePage active={section === 'intake'} user={me.user.username} online={online} channel={role === 'station' ? 'township' : 'village'} />
        {section === 'ledger' && <LedgerPage online={online} />}
        {section === 'cases' && <CasesPage key="cases" user={me.user.username} online={online} waiting={false} />}
        {section === 'waiting' && <CasesPage key="waiting" user={me.user.username} online={online} waiting />}
        {section === 'case' && caseNo && <StationCasePage key={caseNo} caseNo={caseNo} online={online} />}
        {section === 'unknown' && <Result status="404" title={t('common.notFound')} extra={<a href="/station">{t('nav.intake')}</a>} />}
      </main>
    </div>
  );
}
