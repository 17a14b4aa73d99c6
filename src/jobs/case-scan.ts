import { scanCases, type CaseDeps } from '../modules/cases/cases.service.js';

export interface PeriodicJob {
  runOnce(): Promise<unknown>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * Keeps warning levels current and applies deemed approval (超时默许). The scan writes only what
 * changed and deemed approval goes through the case's version check, so two servers running it
 * at once, or one running it twice, change nothing twice.
 */
export function createCaseScanner(deps: CaseDeps, onError: (err: unknown) => void = () => {}): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const runOnce = () => scanCases(deps);
  return {
    runOnce,
    start(intervalMs) {
      const tick = () => {
        if (running) return;
        running = runOnce().catch(onError).finally(() => { running = undefined; });
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
