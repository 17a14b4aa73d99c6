/**
 * The station's 台帐 on a phone (390×844) against the real ledger API, issue 17: a village agent's
 * proxy case (taken through the API: the intake has its own e2e) has its papers held at the room;
 * the agent selects them and hands them to the township with a carrier; the township's staff open
 * the transfer list's QR link (/station?receive=<id>&t=<token>) — a wrong token is refused and the
 * batch stays on the road — and confirm receipt; the county decides (API), the result travels back
 * down, and the agent hands it to the villager against a signature after a wrong SMS code was refused:
 * the paper is returned and the case delivered. The transfer list prints with its QR code. Nothing
 * scrolls sideways.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { login, startTestServer, type Session, type TestServer } from '../test/helpers/test-server.js';
import { rows } from '../test/helpers/applicant.js';
import { act, allMaterials, findItem, PERSON } from '../test/helpers/cases.js';
import { ARTIFACTS, browserSuite, field, openPage, pickOption, signInAs, type OpenedPage } from './browser.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const VILLAGER = { ...PERSON, name: '周五', phone: '13700005551' };
const CARRIER = '王代办';

let agentPage: OpenedPage;
let stationPage: OpenedPage;
const env = browserSuite(() => startTestServer(), async (browser) => {
  agentPage = await openPage(browser, PHONE);
  stationPage = await openPage(browser, PHONE);
});
const server = () => env.server as TestServer;

async function noSidewaysScroll(page: Page, label: string) {
  const m = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(m.scroll, `${label}: no sideways scroll`).toBeLessThanOrEqual(m.inner);
}

const entriesOf = (caseNo: string) => rows<{ id: number; kind: string; state: string; holder: string; proof: { kind: string; by: string } | null }>(server(), sql`
  select e.id, e.kind, e.state, c.code as holder, e.return_proof as proof
  from ledger_entries e join centers c on c.id = e.holder_center_id join cases k on k.id = e.case_id
  where k.case_no = ${caseNo} order by e.id`);

const handoverOf = (batchNo: string) => rows<{ id: number; token: string; status: string }>(server(), sql`
  select id, token, status from ledger_handovers where batch_no = ${batchNo}`);

/** Sends papers on through the API and has the receiving place confirm them: the hops the UI is not tested on here. */
async function carry(from: Session, to: Session, place: string, entryIds: number[]) {
  const sent = await from.request('POST', '/api/ledger/handovers', { to: place, carrier: '交通员', entryIds });
  expect(sent.status).toBe(201);
  expect((await to.request('POST', `/api/ledger/handovers/${sent.body.id}/receive`, {})).status).toBe(200);
}

const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource/.test(e));

describe('the station ledger on a phone', () => {
  it('hands papers up to the township, receives them by the QR link, and hands the result back against a signature', async () => {
    const s = server();
    const welfare = await findItem(s, '最低生活保障审核确认');
    const agent = await login(s.url, 'agent1');
    const taken = await agent.request('POST', '/api/cases', {
      itemCode: welfare.code, applicant: VILLAGER, channel: 'village', materials: allMaterials(welfare), authorization: { kind: 'paper' },
    });
    expect(taken.status).toBe(201);
    const caseNo: string = taken.body.caseNo;
    const materials = await entriesOf(caseNo);
    expect(materials.length).toBe(welfare.materials.length);
    expect(materials.every((e) => e.holder === 'HP-CG-DJ' && e.state === 'held')).toBe(true);
    const [township] = await rows<{ name: string }>(s, sql`select name from centers where code = 'HP-CG'`);

    // The agent: the case's papers are held at the room; select them and hand them to the township.
    const { page } = agentPage;
    await signInAs(page, s.url, 'agent1');
    await page.waitForURL((u) => u.pathname === '/station');
    await page.getByTestId('nav-ledger').click();
    await page.locator('[data-testid="ledger-page"][data-place="HP-CG-DJ"]').waitFor();
    const papers = page.locator(`[data-testid="ledger-entry"][data-case-no="${caseNo}"]`);
    await expect.poll(() => papers.count()).toBe(materials.length);
    for (let i = 0; i < materials.length; i++) await papers.nth(i).getByTestId('ledger-pick').click();
    await noSidewaysScroll(page, 'ledger with papers');
    await pickOption(page, 'handover-to', township!.name);
    await field(page, 'handover-carrier').fill(CARRIER);
    await page.getByTestId('handover-submit').click();
    const sentNote = page.getByTestId('handover-sent');
    await sentNote.waitFor();
    const batchNo = (await sentNote.getAttribute('data-batch-no'))!;
    expect(batchNo).toMatch(/^JJ-\d{8}-\d{4}$/);
    await expect.poll(() => papers.count()).toBe(0);
    await page.locator(`[data-testid="sent-batch"][data-batch-no="${batchNo}"]`).waitFor();
    await noSidewaysScroll(page, 'ledger after the handover');
    await page.screenshot({ path: path.join(ARTIFACTS, 'station-ledger-sent.png'), fullPage: true });
    const [handover] = await handoverOf(batchNo);
    expect(handover!.status).toBe('sent');
    const onTheRoad = await agent.request('GET', '/api/ledger');
    const batch = onTheRoad.body.sent.find((h: { batchNo: string }) => h.batchNo === batchNo);
    expect(batch).toMatchObject({ to: { code: 'HP-CG' }, carrier: CARRIER, status: 'sent' });
    expect(batch.entries.map((e: { id: number; state: string }) => [e.id, e.state])).toEqual(materials.map((e) => [e.id, 'in_transit']));

    // The township: the QR link with someone else's token is refused and changes nothing …
    const station = stationPage.page;
    await signInAs(station, s.url, 'station-hp-cg');
    await station.waitForURL((u) => u.pathname === '/station');
    await station.goto(`${s.url}/station?receive=${handover!.id}&t=not-the-token`);
    await station.waitForURL((u) => u.pathname === '/station/ledger');
    await station.getByTestId('scan-receive-confirm').click();
    await station.locator('.ant-message-error').waitFor();
    expect((await handoverOf(batchNo))[0]!.status).toBe('sent');
    // … the list's own link receives it.
    await station.goto(`${s.url}/station?receive=${handover!.id}&t=${encodeURIComponent(handover!.token)}`);
    await station.waitForURL((u) => u.pathname === '/station/ledger');
    const scanAlert = station.getByTestId('scan-receive');
    await expect.poll(() => scanAlert.textContent()).toContain(batchNo);
    await noSidewaysScroll(station, 'scanned batch');
    await station.getByTestId('scan-receive-confirm').click();
    await scanAlert.waitFor({ state: 'detached' });
    expect(new URL(station.url()).search, 'the token leaves the address once used').toBe('');
    await expect.poll(() => station.locator(`[data-testid="ledger-entry"][data-case-no="${caseNo}"]`).count()).toBe(materials.length);
    expect((await handoverOf(batchNo))[0]!.status).toBe('received');
    expect((await entriesOf(caseNo)).map((e) => [e.holder, e.state])).toEqual(materials.map(() => ['HP-CG', 'held']));

    // The transfer list prints for the township, with its batch number and QR code.
    const printed = await station.goto(`${s.url}/print/ledger/handovers/${handover!.id}`);
    expect(printed!.status()).toBe(200);
    expect(await station.locator('.batch-no').textContent()).toBe(batchNo);
    expect(await station.locator('.doc-qr svg').count()).toBe(1);
    expect(await station.content()).not.toContain(VILLAGER.name);

    // To the county and decided there; the result comes back down to the room (API: not this page's work).
    const stationApi = await login(s.url, 'station-hp-cg');
    const desk = await login(s.url, 'desk1');
    const approver = await login(s.url, 'approver-mz');
    await carry(stationApi, desk, 'HP', materials.map((e) => e.id));
    expect((await act(approver, caseNo, 'accept')).status).toBe(200);
    expect((await act(approver, caseNo, 'approve')).status).toBe(200);
    expect((await act(approver, caseNo, 'complete', { data: { resultNo: 'MZ-2026-0551' } })).status).toBe(200);
    const result = (await entriesOf(caseNo)).find((e) => e.kind === 'result')!;
    expect(result).toMatchObject({ holder: 'HP', state: 'held' });
    await carry(desk, stationApi, 'HP-CG', [result.id]);
    await carry(stationApi, agent, 'HP-CG-DJ', [result.id]);

    // The agent hands the result back: a wrong SMS code is refused, then the villager signs.
    await page.reload();
    const resultRow = page.locator(`[data-testid="ledger-entry"][data-case-no="${caseNo}"][data-kind="result"]`);
    await resultRow.getByTestId('ledger-return').click();
    const dialog = page.getByTestId('return-dialog');
    await dialog.waitFor();
    await dialog.getByText('短信签收码', { exact: true }).click();
    await page.getByTestId('return-send-code').click();
    await expect.poll(() => dialog.textContent()).toContain('签收码已发送至');
    const [codeSms] = await rows<{ body: string }>(s, sql`select body from outbox where template = 'ledger-return-code' and recipient = ${VILLAGER.phone}`);
    const code = /签收码(\d{6})/.exec(codeSms!.body)![1]!;
    await field(page, 'return-code').fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('return-ok').click();
    await page.locator('.ant-message-error').waitFor();
    expect((await entriesOf(caseNo)).find((e) => e.id === result.id)!.state).toBe('held');
    await dialog.getByText('签名', { exact: true }).click();
    await field(page, 'return-signed-by').fill(VILLAGER.name);
    await noSidewaysScroll(page, 'return dialog');
    await page.getByTestId('return-ok').click();
    await page.getByText('已交还，办件已出件').waitFor();
    await expect.poll(() => resultRow.count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'station-ledger-returned.png'), fullPage: true });

    const returned = (await entriesOf(caseNo)).find((e) => e.id === result.id)!;
    expect(returned).toMatchObject({ state: 'returned', proof: { kind: 'signature', by: VILLAGER.name } });
    const delivered = await desk.request('GET', `/api/cases/${caseNo}`);
    expect(delivered.body.status).toBe('delivered');
    const timeline = (await desk.request('GET', `/api/cases/${caseNo}/timeline`)).body;
    expect(timeline.at(-1)).toMatchObject({ action: 'deliver', role: 'agent', data: { method: 'window', pickupName: VILLAGER.name } });

    // The county's case page shows where the case was taken and its papers' time on the road, apart from the clock.
    const view = (await desk.request('GET', `/api/cases/${caseNo}`)).body;
    await signInAs(station, server().url, 'desk1', `/desk/cases/${caseNo}`, { arrive: true });
    const transit = station.getByTestId('case-transit');
    await transit.waitFor();
    expect(await transit.innerText()).toContain('城关镇东街社区便民服务室');
    expect(await transit.innerText()).toContain(`${view.transit.before.hours} 小时`);
    expect(await transit.innerText()).toContain(`${view.transit.after.hours} 小时`);

    expect(unexpected(agentPage.errors)).toEqual([]);
    expect(unexpected(stationPage.errors)).toEqual([]);
  }, 240_000);
});
