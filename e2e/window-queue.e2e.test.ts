/**
 * The window panel's waiting list (等候队列) follows the hall's live feed, as the board does: a ticket
 * called from the panel leaves it, a ticket taken at the kiosk joins it, both without a reload. The
 * panel used to poll the list every ten seconds, so the checks below wait a few seconds at most.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, startTestServer } from '../test/helpers/test-server.js';
import { ARTIFACTS, browserSuite, openPage, signInAs } from './browser.js';

const LIVE = { timeout: 4_000 };

let panel: Page;
let errors: string[];

const env = browserSuite(
  () => startTestServer({ now: '2026-11-16T01:30:00Z' }), // Monday 09:30 in Beijing
  async (b) => {
    ({ page: panel, errors } = await openPage(b));
  },
);

const waiting = () => panel.getByTestId('waiting-ticket').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket-no')));

describe('window panel waiting list', () => {
  it('drops the called ticket and shows a new kiosk ticket without a reload', async () => {
    for (const expected of ['A001', 'A002']) {
      const t = await call(env.server.url, 'POST', '/api/public/queue/tickets', { category: 'A' });
      expect(t.body.ticketNo).toBe(expected);
    }
    await signInAs(panel, env.server.url, 'desk1', '/window/1');
    await panel.waitForURL('**/window/1');
    await expect.poll(waiting).toEqual(['A001', 'A002']);
    // The panel follows the feed; wait until it is connected before anything changes.
    await panel.waitForTimeout(500);

    await panel.getByRole('button', { name: '叫下一号' }).click();
    await expect.poll(() => panel.getByTestId('current-ticket').textContent()).toBe('A001');
    await expect.poll(waiting, LIVE).toEqual(['A002']);

    const taken = await call(env.server.url, 'POST', '/api/public/queue/tickets', { category: 'A' });
    expect(taken.body.ticketNo).toBe('A003');
    await expect.poll(waiting, LIVE).toEqual(['A002', 'A003']);
    await panel.screenshot({ path: path.join(ARTIFACTS, 'window-panel-live-queue.png') });
    expect(errors).toEqual([]);
  }, 120_000);
});
