/** The public online hall (网上办事大厅): search the catalog, read an item's guide, and the applicant's own pages. */
import { Button, Layout, Space, Spin, Typography } from 'antd';
import { FileSearchOutlined, LoginOutlined, LogoutOutlined, MessageOutlined, ProfileOutlined, UserOutlined } from '@ant-design/icons';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useLocation, Link, navigate } from '../../shared/router';
import { useAppT, useI18n, type Lang } from '../../shared/i18n';
import { LangSwitch } from '../../shared/LangSwitch';
import { useDepartments } from '../../shared/departments';
import type { Department } from '../../shared/api-types';
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

function AccountLinks() {
  const t = useAccountT();
  const session = useApplicant();
  const { pathname, search } = useLocation();
  if (session.status === 'loading') return null;
  if (session.status === 'out') {
    const here = pathname + search;
    return (
      <Link href={search.startsWith('?signin') ? here : signInHref(here === '/' ? undefined : here)} style={{ color: '#fff' }} data-testid="applicant-signin">
        <LoginOutlined /> {t('acct.nav.signIn')}
      </Link>
    );
  }
  return (
    <>
      <Link href={MY_CASES_HREF} style={{ color: '#fff' }} data-testid="my-cases-link">
        <ProfileOutlined /> {t('acct.nav.myCases')}
      </Link>
      <Button
        type="link"
        size="small"
        style={{ color: '#fff', padding: 0 }}
        icon={<LogoutOutlined />}
        onClick={() => void signOut().then(() => navigate('/'))}
        data-testid="applicant-signout"
      >
        {t('acct.nav.signOut')}
      </Button>
    </>
  );
}

export function PortalApp() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const { departments } = useDepartments();
  const pt = useAppT(progressMessages);
  const ct = useAppT(complaintMessages);

  useEffect(() => {
    document.title = t('app.portalTitle');
  }, [t]);

  const route = ROUTES.find((r) => query.has(r.param));
  const page = route ? route.render(query.get(route.param) ?? '', { query, departments, lang }) : <SearchPage departments={departments} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ background: '#1d5fb8', padding: '12px 16px', height: 'auto', lineHeight: 1.5 }}>
        <div className="ow-header" style={{ maxWidth: 1200, margin: '0 auto', minHeight: 40 }}>
          <Link href="/" className="ow-brand" data-testid="portal-title">
            {t('app.portalTitle')}
          </Link>
          <Space size="middle" wrap>
            <BrowseLinks />
            <Link href={PROGRESS_HREF} style={{ color: '#fff' }} data-testid="progress-link">
              <FileSearchOutlined /> {pt('progress.nav')}
            </Link>
            <BookingNavLinks style={{ color: '#fff' }} />
            <Link href={COMPLAINT_HREF} style={{ color: '#fff' }} data-testid="complaint-link">
              <MessageOutlined /> {ct('pc.nav')}
            </Link>
            <AccountLinks />
            <LangSwitch />
            <a href="/login" style={{ color: '#fff' }} data-testid="staff-login">
              <UserOutlined /> {t('portal.staffLogin')}
            </a>
          </Space>
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
