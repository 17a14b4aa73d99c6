/**
 * The hall's display board (叫号显示屏) at /board: a full-screen page for the wall screen. It shows
 * every window's current ticket, the latest calls and the people waiting per category, follows
 * the server's live feed, and announces each call aloud (请A012号到3号窗口办理) with the browser's
 * speech synthesis, or a chime where no Chinese voice is installed.
 */
import { centerTimeZone } from '../../shared/time-zone';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api';
import { useAppT } from '../../shared/i18n';
import { boardMessages } from './messages';
import './board.css';
import type { CallEvent, QueueBoard as Board } from '#contract/queue.js';


/** Two short tones: the fallback when the browser has no voice to read the call. */
function chime(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    [880, 660].forEach((f, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = f;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.35 + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.35);
      osc.stop(ctx.currentTime + i * 0.35 + 0.32);
    });
  } catch {
    // No audio device: the board still shows the call.
  }
}

function speak(text: string): 'voice' | 'chime' {
  const synth = window.speechSynthesis;
  const voice = synth?.getVoices().find((v) => v.lang.toLowerCase().startsWith('zh'));
  if (!synth || !voice) {
    chime();
    return 'chime';
  }
  // Said twice, as hall announcers do, so a person who missed the start still hears the window.
  for (let i = 0; i < 2; i++) {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9;
    synth.speak(u);
  }
  return 'voice';
}

export function BoardApp() {
  const t = useAppT(boardMessages);
  const [board, setBoard] = useState<Board | null>(null);
  const [latest, setLatest] = useState<CallEvent | null>(null);
  const [flash, setFlash] = useState(false);
  const [live, setLive] = useState(false);
  const [clock, setClock] = useState(() => new Date());
  const center = new URLSearchParams(window.location.search).get('center') ?? undefined;
  const announced = useRef<string[]>([]);

  const load = useCallback(async () => {
    try {
      setBoard(await api.get<Board>('/api/public/queue/board', { center }));
    } catch {
      // Keep the last picture; the feed or the next poll tries again.
    }
  }, [center]);

  useEffect(() => {
    void load();
    const poll = window.setInterval(() => void load(), 30_000);
    const tick = window.setInterval(() => setClock(new Date()), 1000);
    const url = `/api/public/queue/board/stream${center ? `?center=${encodeURIComponent(center)}` : ''}`;
    const source = new EventSource(url);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('update', () => void load());
    source.addEventListener('call', (e) => {
      const call = JSON.parse((e as MessageEvent<string>).data) as CallEvent;
      setLatest(call);
      setFlash(true);
      window.setTimeout(() => setFlash(false), 4000);
      const how = speak(call.text);
      announced.current = [...announced.current, `${how}:${call.text}`];
      document.body.dataset.announced = announced.current.join('|');
      void load();
    });
    return () => {
      source.close();
      window.clearInterval(poll);
      window.clearInterval(tick);
    };
  }, [center, load]);

  const time = clock.toLocaleTimeString('zh-CN', { hour12: false, timeZone: centerTimeZone() });
  return (
    <main className="board" aria-live="polite">
      <header className="board-head">
        <h1>{board?.center ?? ''} · {t('title')}</h1>
        <div className="board-time">
          <span className={live ? 'board-live on' : 'board-live'} aria-label={live ? t('live') : t('offline')} />
          {time}
        </div>
      </header>
      <section className={flash ? 'board-latest flash' : 'board-latest'} aria-label={t('latest')}>
        {latest ? (
          <p data-testid="announcement">{latest.text}</p>
        ) : (
          <p className="board-idle">{t('idle')}</p>
        )}
      </section>
      <div className="board-body">
        <section className="board-windows" aria-label={t('windows')}>
          {board?.windows.map((w) => (
            <div key={w.number} className={`board-window ${w.open ? 'open' : 'closed'} ${w.status ?? ''}`} data-window={w.number}>
              <div className="board-window-no">{t('window', { n: w.number })}</div>
              <div className="board-window-ticket">{w.ticketNo ?? (w.open ? '—' : t('closed'))}</div>
            </div>
          ))}
        </section>
        <aside className="board-side">
          <h2>{t('recent')}</h2>
          <ol className="board-recent">
            {board?.recentCalls.slice(0, 8).map((c) => (
              <li key={c.id}><strong>{c.ticketNo}</strong> → {t('window', { n: c.windowNumber })}</li>
            ))}
          </ol>
          <h2>{t('waiting')}</h2>
          <table className="board-waiting">
            <tbody>
              {board?.waiting.map((w) => (
                <tr key={w.prefix} data-category={w.prefix}>
                  <th scope="row">{w.prefix} {w.name}</th>
                  <td>{t('people', { n: w.waiting })}</td>
                  <td>{w.estimatedWaitMinutes === null || w.waiting === 0 ? '' : t('minutes', { n: w.estimatedWaitMinutes })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </aside>
      </div>
    </main>
  );
}
