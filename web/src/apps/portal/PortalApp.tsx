/** The public online hall (网上办事大厅): search the catalog, read an item's guide, and the applicant's own pages. */
import { Button, Drawer, Grid, Layout, Space, Spin, Typography } from 'antd';
import { FileSearchOutlined, LoginOutlined, LogoutOutlined, MenuOutlined, MessageOutlined, ProfileOutlined, UserOutlined } from '@ant-design/icons';
import { Suspense, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useLocation, Link, navigate } from '../../shared/router';
import { useAppT, useI18n, type Lang } from '../../shared/i18n';
import { usePortalT } from './portal-t';
import { LangSwitch } from '../../shared/LangSwitch';
import { useDepartments } from '../../shared/departments';
import type { Department } from '#contract/departments.js';
import { lazyPage } from '../../shared/lazy-page';
import { SearchPage } from './SearchPage';
import { MY_CASES_HREF, PROGRESS_HREF, signInHref } from './nav';
import * as progressMessages from './progress-messages';
import { signOut, useApplicant } from './account/applicant-api';
import { useAccountT } from './account/i18n';
import { BrowseLinks } from './browse/BrowseLinks';
import { BookingNavLinks } from './booking/BookingRoute';
import { COMPLAINT_HREF } from './complaints/nav';
import * as complaintMessages from './complaints/messages';

// Only the search page (the home page) comes with the first load; every other page, and the parts of
// antd only it uses (date pickers, tables, forms, uploads), is fetched when it is opened.
const GuidePage = lazyPage(() => import('./GuidePage'), 'GuidePage');
const ProgressPage = lazyPage(() => import('./ProgressPage'), 'ProgressPage');
const SignInPage = lazyPage(() => import('./account/SignInPage'), 'SignInPage');
const ApplyPage = lazyPage(() => import('./account/ApplyPage'), 'ApplyPage');
const MyCasesPage = lazyPage(() => import('./account/MyCasesPage'), 'MyCasesPage');
const MyCasePage = lazyPage(() => import('./account/MyCasePage'), 'MyCasePage');
const EventsPage = lazyPage(() => import('./browse/EventsPage'), 'EventsPage');
const EventPage = lazyPage(() => import('./browse/EventPage'), 'EventPage');
const DepartmentsPage = lazyPage(() => import('./browse/DepartmentsPage'), 'DepartmentsPage');
const BookingPage = lazyPage(() => import('./booking/BookingPage'), 'BookingPage');
const MyBookingPage = lazyPage(() => import('./booking/MyBookingPage'), 'MyBookingPage');
const TicketPage = lazyPage(() => import('./TicketPage'), 'TicketPage');
const ComplaintFormPage = lazyPage(() => import('./complaints/ComplaintPages'), 'ComplaintFormPage');
const ComplaintLookupPage = lazyPage(() => import('./complaints/ComplaintPages'), 'ComplaintLookupPage');

const { Header, Content, Footer } = Layout;

interface RouteContext {
  query: URLSearchParams;
  departments: Department[];
  lang: Lang;
}

/**
 * The portal is served at "/" only; a page is chosen by its query parameter. The first route whose
 * parameter is present wins, and the search page is the fallback. Add a page with one line here.
 */
const ROUTES: { param: string; render: (value: string, ctx: RouteContext) => ReactNode }[] = [
  // The printed papers' QR codes and the SMS links point at /?progress=<caseNo>.
  { param: 'progress', render: () => <ProgressPage /> },
  // The queue slip's QR code points at /?ticket=<token>.
  { param: 'ticket', render: (token) => <TicketPage key={token} token={token} /> },
  { param: 'signin', render: (_, { lang }) => <SignInPage lang={lang} /> },
  { param: 'apply', render: (code) => <ApplyPage key={code} code={code} /> },
  { param: 'mine', render: () => <MyCasesPage /> },
  { param: 'mycase', render: (no) => <MyCasePage key={no} caseNo={no} /> },
  { param: 'book', render: () => <BookingPage /> },
  { param: 'myBooking', render: () => <MyBookingPage /> },
  { param: 'item', render: (code, { departments }) => <GuidePage code={code} departments={departments} /> },
  { param: 'events', render: () => <EventsPage /> },
  { param: 'event', render: (slug, { departments }) => <EventPage key={slug} slug={slug} departments={departments} /> },
  { param: 'departments', render: (_, { departments }) => <DepartmentsPage departments={departments} /> },
  { param: 'complaint', render: (_, { departments }) => <ComplaintFormPage departments={departments} /> },
  { param: 'complaintCode', render: () => <ComplaintLookupPage /> },
];

const WHITE: CSSProperties = { color: '#fff' };

function AccountLinks({ style = WHITE, vertical = false }: { style?: CSSProperties; vertical?: boolean }) {
  const t = useAccountT();
  const session = useApplicant();
  const { pathname, search } = useLocation();
  if (session.status === 'loading') return null;
  if (session.status === 'out') {
    const here = pathname + search;
    return (
      <Link href={search.startsWith('?signin') ? here : signInHref(here === '/' ? undefined : here)} style={style} data-testid="applicant-signin">
        <LoginOutlined /> {t('acct.nav.signIn')}
      </Link>
    );
  }
  // Their own Space: a fragment would put the two side by side with no gap (我的办件退出).
  return (
    <Space size={vertical ? 'large' : 'middle'} orientation={vertical ? 'vertical' : 'horizontal'} align="start">
      <Link href={MY_CASES_HREF} style={style} data-testid="my-cases-link">
        <ProfileOutlined /> {t('acct.nav.myCases')}
      </Link>
      <Button
        type="link"
        size="small"
        style={{ ...style, padding: 0, height: 'auto' }}
        icon={<LogoutOutlined />}
        onClick={() => void signOut().then(() => navigate('/'))}
        data-testid="applicant-signout"
      >
        {t('acct.nav.signOut')}
      </Button>
    </Space>
  );
}

/** The header's links: in a row on wide screens, in a column inside the phone menu. */
function NavLinks({ vertical = false }: { vertical?: boolean }) {
  const t = usePortalT();
  const pt = useAppT(progressMessages);
  const ct = useAppT(complaintMessages);
  const style = vertical ? { color: '#1d5fb8', fontSize: 16 } : WHITE;
  return (
    <Space size={vertical ? 'large' : 'middle'} wrap orientation={vertical ? 'vertical' : 'horizontal'} align={vertical ? 'start' : 'center'}>
      <BrowseLinks style={style} vertical={vertical} />
      <Link href={PROGRESS_HREF} style={style} data-testid="progress-link">
        <FileSearchOutlined /> {pt('progress.nav')}
      </Link>
      <BookingNavLinks style={style} vertical={vertical} />
      <Link href={COMPLAINT_HREF} style={style} data-testid="complaint-link">
        <MessageOutlined /> {ct('pc.nav')}
      </Link>
      <AccountLinks style={style} vertical={vertical} />
      <LangSwitch />
      <a href="/login" style={style} data-testid="staff-login">
        <UserOutlined /> {t('portal.staffLogin')}
      </a>
    </Space>
  );
}

/**
 * Below 768 px the links would wrap into four or five rows (a third of a phone's screen) and collide:
 * one row instead — the name and a menu button that opens the links in a drawer.
 */
function CompactNav() {
  const t = usePortalT();
  const { lang } = useI18n();
  const [open, setOpen] = useState(false);
  const { pathname, search } = useLocation();
  // A link followed inside the drawer closes it; so does a new language (the page re-reads at once).
  useEffect(() => setOpen(false), [pathname, search, lang]);
  return (
    <>
      <Button
        type="text"
        icon={<MenuOutlined style={{ fontSize: 20 }} />}
        style={{ color: '#fff', flex: 'none' }}
        aria-label={t('portal.menu')}
        aria-expanded={open}
        onClick={() => setOpen(true)}
        data-testid="portal-menu"
      />
      <Drawer open={open} onClose={() => setOpen(false)} title={t('portal.menu')} placement="right" size={300} data-testid="portal-menu-drawer">
        <NavLinks vertical />
      </Drawer>
    </>
  );
}

export function PortalApp() {
  const t = usePortalT();
  const { lang } = useI18n();
  const { query } = useLocation();
  // antd answers {} before its first measurement (within the first layout effect, before paint).
  const compact = Grid.useBreakpoint().md === false;
  const { departments } = useDepartments();

  useEffect(() => {
    document.title = t('app.portalTitle');
  }, [t]);

  const route = ROUTES.find((r) => query.has(r.param));
  const page = route ? route.render(query.get(route.param) ?? '', { query, departments, lang }) : <SearchPage departments={departments} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ background: '#1d5fb8', padding: '12px 16px', height: 'auto', lineHeight: 1.5 }}>
        <div className={`ow-header${compact ? ' ow-header-compact' : ''}`} style={{ maxWidth: 1200, margin: '0 auto', minHeight: 40 }} data-testid="portal-header">
          <Link href="/" className="ow-brand" data-testid="portal-title">
            {compact ? t('app.portalShortTitle') : t('app.portalTitle')}
          </Link>
          {compact ? <CompactNav /> : <NavLinks />}
        </div>
      </Header>
      <Content>
        <div className="ow-content">
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>{page}</Suspense>
        </div>
      </Content>
      <Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Footer>
    </Layout>
  );
}
