/**
 * The self-service kiosk (自助终端) at /kiosk: a full-screen touch UI for a 1080×1920 portrait or
 * 1920×1080 landscape screen. State lives in memory, not in the URL: there is no address bar to
 * bookmark, and an idle reset must be able to drop everything the last visitor typed.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { FileSearchOutlined, HomeOutlined, LeftOutlined, NumberOutlined, ScheduleOutlined, SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../../shared/i18n';
import { CheckInScreen } from './CheckInScreen';
import { GuideScreen } from './GuideScreen';
import { useKioskT } from './kiosk-t';
import { ProgressScreen } from './ProgressScreen';
import { SearchScreen } from './SearchScreen';
import { TicketScreen } from './TicketScreen';
import { caseNoFromScan, kioskParams } from './scan';
import './kiosk.css';

type Screen =
  | { name: 'home' }
  | { name: 'search' }
  | { name: 'guide'; code: string }
  | { name: 'progress'; caseNo?: string }
  | { name: 'checkin' }
  | { name: 'ticket' };

const COUNTDOWN_SECONDS = 10;
const params = kioskParams(window.location.search);

export function KioskApp() {
  const t = useKioskT();
  const { lang, setLang } = useI18n();
  const [screen, setScreen] = useState<Screen>(params.progress ? { name: 'progress', caseNo: params.progress } : { name: 'home' });
  const [searchText, setSearchText] = useState('');
  // Bumped on every reset, so each screen mounts afresh with empty fields.
  const [visit, setVisit] = useState(0);

  const reset = useCallback(() => {
    setScreen({ name: 'home' });
    setSearchText('');
    setVisit((v) => v + 1);
    setLang('zh');
  }, [setLang]);

  // Only an unfinished visit needs resetting: the home screen in Chinese is already the resting state.
  const armed = screen.name !== 'home' || searchText !== '' || lang !== 'zh';
  const { left: countdown, dismiss } = useIdleCountdown(armed, params.idleSeconds, COUNTDOWN_SECONDS, reset);

  useHomeScanner(screen.name === 'home', (caseNo) => setScreen({ name: 'progress', caseNo }));

  useEffect(() => {
    document.title = `${t('kiosk.title')} · ${t('app.name')}`;
  }, [t]);

  const back = () => setScreen(screen.name === 'guide' ? { name: 'search' } : { name: 'home' });

  return (
    <div className={`kiosk kiosk-on-${screen.name}`} data-testid="kiosk" data-screen={screen.name}>
      <header className="kiosk-header">
        {screen.name !== 'home' ? (
          <button type="button" className="kiosk-btn kiosk-btn-nav" data-testid="kiosk-back" onClick={back}>
            <LeftOutlined aria-hidden="true" /> {t('kiosk.back')}
          </button>
        ) : (
          <span className="kiosk-header-spacer" />
        )}
        <h1 className="kiosk-brand">{t('kiosk.title')}</h1>
        <div className="kiosk-header-actions">
          {screen.name !== 'home' && (
            <button type="button" className="kiosk-btn kiosk-btn-nav" data-testid="kiosk-home" onClick={() => setScreen({ name: 'home' })}>
              <HomeOutlined aria-hidden="true" /> {t('kiosk.home')}
            </button>
          )}
          <button
            type="button"
            className="kiosk-btn kiosk-btn-nav"
            data-testid="kiosk-lang"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {t('kiosk.langTo')}
          </button>
        </div>
      </header>
      <main className="kiosk-main" key={visit}>
        {screen.name === 'home' && <Home onGo={setScreen} />}
        {screen.name === 'search' && (
          <SearchScreen
            text={searchText}
            onText={setSearchText}
            onOpen={(code) => setScreen({ name: 'guide', code })}
            onScannedCase={(caseNo) => setScreen({ name: 'progress', caseNo })}
          />
        )}
        {screen.name === 'guide' && <GuideScreen code={screen.code} />}
        {screen.name === 'progress' && <ProgressScreen key={screen.caseNo ?? ''} initialCaseNo={screen.caseNo} />}
        {screen.name === 'checkin' && <CheckInScreen onDone={() => setScreen({ name: 'home' })} />}
        {screen.name === 'ticket' && <TicketScreen />}
      </main>
      {countdown !== null && (
        <div className="kiosk-overlay" data-testid="kiosk-idle">
          <div className="kiosk-dialog" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-idle-title" aria-describedby="kiosk-idle-text">
            <h2 id="kiosk-idle-title" className="kiosk-h2">
              {t('kiosk.idle.title')}
            </h2>
            <div className="kiosk-countdown" aria-hidden="true" data-testid="kiosk-idle-count">
              {countdown}
            </div>
            <p id="kiosk-idle-text" className="kiosk-intro">
              {t('kiosk.idle.text', { n: countdown })}
            </p>
            {/* Any touch counts as activity and closes this; the button gives the touch an obvious place. */}
            <button type="button" className="kiosk-btn kiosk-btn-primary kiosk-btn-xl" data-testid="kiosk-idle-stay" autoFocus onClick={dismiss}>
              {t('kiosk.idle.stay')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function Home({ onGo }: { onGo: (s: Screen) => void }) {
  const t = useKioskT();
  const tiles: { id: string; icon: ReactNode; title: string; sub: string; go?: Screen }[] = [
    { id: 'search', icon: <SearchOutlined />, title: t('kiosk.tile.search'), sub: t('kiosk.tile.searchSub'), go: { name: 'search' } },
    { id: 'progress', icon: <FileSearchOutlined />, title: t('kiosk.tile.progress'), sub: t('kiosk.tile.progressSub'), go: { name: 'progress' } },
    { id: 'checkin', icon: <ScheduleOutlined />, title: t('kiosk.tile.checkin'), sub: t('kiosk.tile.checkinSub'), go: { name: 'checkin' } },
    { id: 'ticket', icon: <NumberOutlined />, title: t('kiosk.tile.ticket'), sub: t('kiosk.tile.ticketSub'), go: { name: 'ticket' } },
  ];
  return (
    <div className="kiosk-home-wrap">
      <p className="kiosk-welcome">{t('kiosk.welcome')}</p>
      <nav className="kiosk-tiles" aria-label={t('kiosk.welcome')}>
        {tiles.map((tile) => (
          <button
            key={tile.id}
            type="button"
            className={`kiosk-tile kiosk-tile-${tile.id}`}
            data-testid={`kiosk-tile-${tile.id}`}
            disabled={!tile.go}
            onClick={() => tile.go && onGo(tile.go)}
          >
            <span className="kiosk-tile-icon" aria-hidden="true">
              {tile.icon}
            </span>
            <span className="kiosk-tile-title">{tile.title}</span>
            <span className="kiosk-tile-sub">{tile.sub}</span>
          </button>
        ))}
      </nav>
      <p className="kiosk-hint">{t('kiosk.touchHint')}</p>
    </div>
  );
}

/**
 * Seconds left on the "still there?" countdown, or null while the visitor is active. Any touch, click,
 * key or wheel restarts the wait; after `idleSeconds` of none the countdown runs, and at zero `onReset`.
 */
function useIdleCountdown(
  armed: boolean,
  idleSeconds: number,
  countdownSeconds: number,
  onReset: () => void,
): { left: number | null; dismiss: () => void } {
  const [left, setLeft] = useState<number | null>(null);
  const lastActivity = useRef(Date.now());
  const resetRef = useRef(onReset);
  resetRef.current = onReset;

  useEffect(() => {
    // Only the clock is reset here; the overlay goes on the next tick. Removing it during the
    // pointerdown would pull the button out from under the finger before its click lands.
    const touch = () => {
      lastActivity.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touch, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, touch, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (!armed) {
      setLeft(null);
      return;
    }
    lastActivity.current = Date.now();
    const timer = setInterval(() => {
      const idleMs = Date.now() - lastActivity.current;
      const remaining = Math.ceil((idleSeconds + countdownSeconds) * 1000 - idleMs) / 1000;
      if (idleMs < idleSeconds * 1000) setLeft(null);
      else if (remaining > 0) setLeft(Math.ceil(remaining));
      else {
        setLeft(null);
        resetRef.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [armed, idleSeconds, countdownSeconds]);

  const dismiss = useCallback(() => {
    lastActivity.current = Date.now();
    setLeft(null);
  }, []);
  return { left, dismiss };
}

/**
 * On the home screen nothing has the focus, so a scanner's keystrokes arrive at the window: collect
 * them and, on Enter, open the progress look-up when they spell a case number or a progress link.
 */
function useHomeScanner(active: boolean, onCaseNo: (caseNo: string) => void): void {
  const handler = useRef(onCaseNo);
  handler.current = onCaseNo;
  useEffect(() => {
    if (!active) return;
    let buffer = '';
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.key === 'Enter') {
        const caseNo = caseNoFromScan(buffer);
        buffer = '';
        if (caseNo) {
          e.preventDefault();
          handler.current(caseNo);
        }
      } else if (e.key.length === 1) buffer = (buffer + e.key).slice(-200);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
