/**
 * 综合受理 — the front-desk workstation: intake against the item's checklist, today's work and
 * resupply, and the delivery window. Built for a window clerk at 1366×768 with a keyboard.
 * Role desk only; everybody else gets a clear "no access" page.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Result, Space, Spin, Tooltip } from 'antd';
import type { InputRef } from 'antd';
import { BankOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { parseCaseNo } from '@domain/case-number';
import { api, fetchMe, onUnauthorized } from '../../shared/api';
import type { Center } from '#contract/centers.js';
import type { Me } from '#contract/auth.js';
import { useI18n } from '../../shared/i18n';
import { OverflowNav } from '../../shared/OverflowNav';
import { LangSwitch } from '../../shared/LangSwitch';
import { Link, navigate, useLocation } from '../../shared/router';
import { errorMessage } from '../../shared/errors';
import { ROLE_HOME } from '../../shared/roles';
import { useDeskT } from './i18n';
import { NAV } from './nav';
import { useHotkeys } from './hotkeys';
import { IntakePage } from './IntakePage';
import { TodayPage } from './TodayPage';
import { CasePage } from './CasePage';
import { DeliveryPage } from './DeliveryPage';
import { PrereviewPage } from './PrereviewPage';
import { AppointmentsPage } from './AppointmentsPage';
import { ComplaintsPanel, useComplaintT } from '../../shared/complaints/ComplaintsPanel';
import './desk.css';
import { signOut, toLogin } from '../../shared/staff-session';


type Section = 'intake' | 'today' | 'delivery' | 'prereview' | 'appointments' | 'complaints' | 'case' | 'unknown';

function route(pathname: string): { section: Section; caseNo?: string } {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean); // ['desk', ...]
  const [, section, arg] = parts;
  if (!section) return { section: 'intake' };
  if (section === 'today' && !arg) return { section: 'today' };
  if (section === 'delivery' && !arg) return { section: 'delivery' };
  if (section === 'prereview' && !arg) return { section: 'prereview' };
  if (section === 'appointments' && !arg) return { section: 'appointments' };
  if (section === 'complaints' && !arg) return { section: 'complaints' };
  if (section === 'cases' && arg) return { section: 'case', caseNo: decodeURIComponent(arg) };
  return { section: 'unknown' };
}


/** The header's case-number box: a returning applicant's receipt number opens the case. */
function CaseLookup() {
  const t = useDeskT();
  const [text, setText] = useState('');
  const [bad, setBad] = useState(false);
  const ref = useRef<InputRef>(null);
  useHotkeys({ 'alt+KeyG': () => ref.current?.focus({ cursor: 'all' }) });
  function open() {
    const caseNo = parseCaseNo(text);
    if (!caseNo) {
      setBad(true);
      return;
    }
    setBad(false);
    setText('');
    navigate(`/desk/cases/${caseNo}`);
  }
  return (
    <Tooltip open={bad} title={t('lookup.bad')} placement="bottom" color="#cf1322">
      <Input
        ref={ref}
        size="small"
        className="desk-lookup"
        value={text}
        status={bad ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setBad(false);
        }}
        onPressEnter={open}
        onBlur={() => setBad(false)}
        placeholder={t('list.caseNo')}
        aria-label={t('lookup.label')}
        data-testid="case-lookup"
        suffix={<kbd className="desk-kbd">Alt+G</kbd>}
      />
    </Tooltip>
  );
}

export function DeskApp() {
  const { lang, setLang } = useI18n();
  const t = useDeskT();
  const { pathname } = useLocation();
  const [me, setMe] = useState<Me | null>(null);
  const [centerName, setCenterName] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  void setLang;

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  useEffect(() => {
    onUnauthorized(() => toLogin());
    fetchMe()
      .then((m) => {
        if (!m) return toLogin();
        setMe(m);
        api
          .get<Center[]>('/api/centers')
          .then((list) => setCenterName(list.find((c) => c.id === m.user.centerId)?.name ?? ''))
          .catch(() => setCenterName(''));
      })
      .catch((e) => setLoadError(errorMessage(e, t)));
    return () => onUnauthorized(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const ct = useComplaintT();
  const isDesk = me?.user.role === 'desk';
  const { section, caseNo } = route(pathname);

  useHotkeys(
    {
      'alt+Digit1': () => navigate('/desk'),
      'alt+Digit2': () => navigate('/desk/today'),
      'alt+Digit3': () => navigate('/desk/delivery'),
      'alt+Digit4': () => navigate('/desk/prereview'),
      'alt+Digit5': () => navigate('/desk/appointments'),
      'alt+Digit6': () => navigate('/desk/complaints'),
    },
    isDesk,
  );

  if (loadError) {
    return (
      <Result
        status="error"
        title={t('common.error')}
        subTitle={loadError}
        extra={<Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me) {
    return (
      <div className="desk-center-screen">
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  }

  if (!isDesk) {
    const home = ROLE_HOME[me.user.role];
    return (
      <div className="desk-center-screen">
        <Result
          status="403"
          title={t('noAccess.title')}
          subTitle={t('noAccess.text', { name: me.user.displayName || me.user.username, role: t(`role.${me.user.role}`) })}
          data-testid="no-access"
          extra={
            <Space>
              {home && home !== '/desk' && <Button href={home}>{t('noAccess.home')}</Button>}
              <Button type="primary" onClick={signOut} autoInsertSpace={false}>
                {t('header.logout')}
              </Button>
            </Space>
          }
        />
      </div>
    );
  }

  return (
    <div className="desk-app">
      <header className="desk-header">
        <a href="/desk" className="desk-brand">
          {t('app.brand')}
        </a>
        <OverflowNav
          className="desk-nav"
          itemClassName="desk-nav-item"
          ariaLabel={t('nav.label')}
          active={section}
          tabs={NAV.map((n) => ({ key: n.section, href: n.href, label: n.label === 'cp.nav' ? ct(n.label) : t(n.label), shortcut: n.key }))}
          // The keys are in the shortcut bar and each tab's tooltip: without them all six tabs fit at 1366 px.
          renderShortcut={(keys, where) => (where === 'menu' ? <kbd className="desk-kbd">{keys}</kbd> : null)}
        />
        <div className="desk-header-right">
          <CaseLookup />
          {centerName && (
            <span className="desk-header-text" title={centerName} data-testid="current-center">
              <BankOutlined /> {centerName}
            </span>
          )}
          <span className="desk-header-text" data-testid="current-user" title={me.user.username}>
            <UserOutlined /> {me.user.displayName || me.user.username}
          </span>
          <LangSwitch />
          <Button size="small" icon={<LogoutOutlined />} onClick={signOut} data-testid="logout">
            {t('header.logout')}
          </Button>
        </div>
      </header>
      <main className="desk-main">
        <IntakePage active={section === 'intake'} lang={lang} />
        {section === 'today' && <TodayPage />}
        {section === 'delivery' && <DeliveryPage />}
        {section === 'prereview' && <PrereviewPage />}
        {section === 'appointments' && <AppointmentsPage />}
        {section === 'complaints' && <ComplaintsPanel role={me.user.role} />}
        {section === 'case' && caseNo && <CasePage key={caseNo} caseNo={caseNo} />}
        {section === 'unknown' && (
          <Result status="404" title={t('common.notFound')} extra={<Link href="/desk">{t('nav.intake')}</Link>} />
        )}
      </main>
    </div>
  );
}
