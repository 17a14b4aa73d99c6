import type { Db } from '../../db/client.js';
import { announcement, announcementEn } from '../../domain/queue-rules.js';
import * as repo from './queue.repository.js';
import type { CallEvent } from '#contract/queue.js';

/** What a board receives: a call to announce, or a change of the waiting counts. */
export type FeedEvent = CallEvent | { type: 'update' };

type Listener = (e: FeedEvent) => void;

interface CenterFeed {
  listeners: Set<Listener>;
  /** Last call id sent: calls come from the database, so a call made by another server process reaches this board too. */
  lastCallId: number;
  reading: Promise<void> | null;
  again: boolean;
}

/**
 * The display boards' live feed. Every change in this process notifies at once; a slow poll
 * (while boards are connected) picks up calls made by other server processes. Calls are read
 * from queue_calls after the last id sent, so none is announced twice or skipped.
 */
export class QueueFeed {
  private readonly centers = new Map<number, CenterFeed>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db, private readonly pollMs = 2000) {}

  async subscribe(centerId: number, listener: Listener, lastCallId: number): Promise<() => void> {
    let feed = this.centers.get(centerId);
    if (!feed) {
      feed = { listeners: new Set(), lastCallId, reading: null, again: false };
      this.centers.set(centerId, feed);
    }
    feed.lastCallId = Math.max(feed.lastCallId, lastCallId);
    feed.listeners.add(listener);
    this.startPolling();
    return () => {
      feed.listeners.delete(listener);
      if (feed.listeners.size === 0) this.centers.delete(centerId);
      if (this.centers.size === 0) this.stopPolling();
    };
  }

  /** Something changed at this center: send new calls, then an update. */
  notify(centerId: number): void {
    const feed = this.centers.get(centerId);
    if (!feed) return;
    void this.read(centerId, feed, true);
  }

  close(): void {
    this.stopPolling();
    this.centers.clear();
  }

  private read(centerId: number, feed: CenterFeed, update: boolean): Promise<void> {
    if (feed.reading) {
      feed.again = true;
      return feed.reading;
    }
    feed.reading = (async () => {
      try {
        do {
          feed.again = false;
          const calls = await repo.callsAfter(this.db, centerId, feed.lastCallId);
          for (const c of calls) {
            feed.lastCallId = c.id;
            this.emit(feed, {
              type: 'call', id: c.id, ticketNo: c.ticketNo, windowNumber: c.windowNumber, kind: c.kind,
              text: announcement(c.ticketNo, c.windowNumber), textEn: announcementEn(c.ticketNo, c.windowNumber),
            });
          }
          if (update || calls.length) this.emit(feed, { type: 'update' });
        } while (feed.again);
      } catch {
        // The next notify or poll tries again; a board keeps its last picture meanwhile.
      } finally {
        feed.reading = null;
      }
    })();
    return feed.reading;
  }

  private emit(feed: CenterFeed, e: FeedEvent): void {
    for (const l of feed.listeners) {
      try { l(e); } catch { /* a broken connection is dropped by its own close handler */ }
    }
  }

  private startPolling(): void {
    if (this.timer || this.pollMs <= 0) return;
    this.timer = setInterval(() => {
      for (const [id, feed] of this.centers) void this.read(id, feed, false);
    }, this.pollMs);
    this.timer.unref();
  }

  private stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
