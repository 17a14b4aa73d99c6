export interface PeriodicJob {
  runOnce(): Promise<unknown>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * Runs `runOnce` now and then every interval. A run still going is not joined by a second one (they
 * would only compete for the same rows), and the timer never keeps the process alive at shutdown.
 */
export function periodicJob(runOnce: () => Promise<unknown>, onError: (err: unknown) => void = () => {}): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
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
