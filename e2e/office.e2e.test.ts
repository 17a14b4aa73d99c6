/**
 * The back office (/office) in a real browser at 1366×768 against the real server with the demo center:
 * an approver drives a 食品经营许可 case to completion through the buttons; another department
 * cannot reach it; a stale page is told someone else acted first and nothing is done twice; a joint
 * case goes through its departments' tasks; the supervisor reads a case and the yellow / red list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, startTestServer, type Session, type TestServer } from '../test/helpers/test-server.js';
import { act, COMPANY, findItem, intake } from '../test/helpers/cases.js';
import { scanCases } from '../src/modules/cases/cases.service.js';
import { closeAll, ensureWebBuilt, field, textarea, launchBrowser, openPage, signInThrough } from './browser.js';

const ARTIFACTS = path.resolve('test-artifacts');

/** antd puts a test id on the input itself or on its wrapper, depending on the component. */

let s: TestServer;
let browser: Browser;
let desk: Session;

const newPage = () => openPage(browser);

/** Signs in through the login page, coming from `next` (the redirect an unsigned visit gets). */
const signIn = (page: Page, username: string, next = '/office', { office = true } = {}) =>
  signInThrough(page, s.url, username, next, { landsUnder: '/office', ready: office ? 'current-user' : null });

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `office-${name}.png`) });
}

/** The page must never need a horizontal scrollbar at 1366 px. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function statusOf(page: Page): Promise<string | null> {
  return page.locator('[data-testid="case-page"] [data-testid="case-status"]').first().getAttribute('data-status');
}

async function waitStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="case-page"] [data-testid="case-status"][data-status="${status}"]`).first().waitFor();
}

/** Opens an action's dialog and waits until its opening animation is over (a click during it may get lost). */
async function openDialog(page: Page, action: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.locator('.ow-action-modal .ant-modal:not(.ant-zoom-appear)').waitFor();
}

/** Opens the action's dialog and submits it as it opens: the dialog shows what is missing. */
async function submitUnfilled(page: Page, action: string): Promise<void> {
  await openDialog(page, action);
  await page.getByTestId('action-submit').click();
  await page.locator('.ow-action-modal .ant-form-item-explain-error').first().waitFor();
}

/** Clicks an action button, fills the dialog and submits it. */
async function doAction(page: Page, action: string, fill?: (dialog: Page) => Promise<void>): Promise<void> {
  await openDialog(page, action);
  if (fill) await fill(page);
  await page.getByTestId('action-submit').click();
  const modal = page.locator('.ow-action-modal .ant-modal');
  await modal.waitFor({ state: 'hidden', timeout: 20_000 }).catch(async (e: Error) => {
    throw new Error(`the ${action} dialog stayed open: ${await modal.innerText().catch(() => '?')}`, { cause: e });
  });
}

async function openFromQueue(page: Page, caseNo: string): Promise<void> {
  const row = page.locator(`[data-testid="queue-row"][data-case-no="${caseNo}"]`);
  await row.waitFor();
  await row.click();
  await page.waitForURL(new RegExp(`/office/cases/${caseNo}$`));
  await page.getByTestId('case-page').waitFor();
}

beforeAll(async () => {
  await ensureWebBuilt();
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' }); // a Monday
  desk = await login(s.url, 'desk1');
  browser = await launchBrowser();
}, 240_000);

afterAll(() => closeAll(browser, s), 60_000);

describe('back office', () => {
  let foodCase = '';

  it('an approver takes a 食品经营许可 case from the queue to completion through the buttons', async () => {
    const item = await findItem(s, '食品经营许可');
    expect(item.department.code).toBe('SCJG');
    const created = await intake(desk, item);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('received');
    foodCase = created.body.caseNo;

    const { page, errors } = await newPage();
    await signIn(page, 'approver-scjg');
    expect(await page.getByTestId('current-department').textContent()).toContain('市场监督管理局');
    await page.getByTestId('queue-table').waitFor();
    const row = page.locator(`[data-testid="queue-row"][data-case-no="${foodCase}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('食品经营许可');
    await page.getByTestId('count-all-value').waitFor();
    expect(Number(await page.getByTestId('count-all-value').textContent())).toBeGreaterThanOrEqual(1);
    await expectNoHorizontalScroll(page);
    await shot(page, 'queue');

    // Keyboard: focus the row and press Enter.
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/office/cases/${foodCase}$`));
    await waitStatus(page, 'received');
    await page.getByTestId('case-timeline').waitFor();
    // The approver handles the case: personal data in full.
    expect(await page.getByTestId('case-id-number').textContent()).toBe('11010519491231002X');

    await doAction(page, 'accept');
    await waitStatus(page, 'accepted');
    await page.locator('[data-testid="clock-due-date"]').filter({ hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
    expect(await page.getByTestId('case-clock').getAttribute('data-running')).toBe('true');
    // The printed papers are linked and open for the approver.
    for (const paper of ['receipt', 'acceptance']) {
      const href = await page.getByTestId(`print-${paper}`).getAttribute('href');
      expect(href).toBe(`/print/cases/${foodCase}/${paper}`);
      expect((await page.request.get(`${s.url}${href}`)).status()).toBe(200);
    }
    await expectNoHorizontalScroll(page);
    await shot(page, 'case-accepted');

    await doAction(page, 'review-pass', async (p) => {
      await textarea(p, 'action-comment').fill('材料齐全，符合法定形式');
    });
    await waitStatus(page, 'reviewed');
    await doAction(page, 'approve');
    await waitStatus(page, 'approved');

    // Completing needs the result number; an empty one is refused in the dialog.
    await submitUnfilled(page, 'complete');
    await page.waitForTimeout(400); // let the error message finish sliding in
    await shot(page, 'complete-dialog');
    await field(page, 'action-result-no').fill('JY23501000012345');
    await page.getByTestId('action-submit').click();
    await waitStatus(page, 'completed');
    await page.getByTestId('case-result-no').waitFor();
    expect(await page.getByTestId('case-result-no').textContent()).toBe('JY23501000012345');
    await page.locator('[data-testid="timeline-entry"][data-action="complete"]').waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'case-completed');

    // The API agrees, and each step was recorded once.
    const scjg = await login(s.url, 'approver-scjg');
    const view = await scjg.request('GET', `/api/cases/${foodCase}`);
    expect(view.body.status).toBe('completed');
    expect(view.body.resultNo).toBe('JY23501000012345');
    const steps = (await scjg.request('GET', `/api/cases/${foodCase}/timeline`)).body.map((e: { action: string }) => e.action);
    expect(steps).toEqual(['receive', 'accept', 'review-pass', 'approve', 'complete']);
    expect(errors).toEqual([]);
  }, 180_000);

  it('another department cannot open the case, nor see it in its queue; a desk user has no access', async () => {
    expect(foodCase).not.toBe('');
    const { page, errors } = await newPage();
    await signIn(page, 'approver-ga', `/office/cases/${foodCase}`);
    await page.waitForURL(new RegExp(`/office/cases/${foodCase}$`));
    await page.getByTestId('case-not-found').waitFor();
    expect(await page.getByTestId('case-page').count()).toBe(0);
    expect(await page.locator('[data-testid^="action-"]').count()).toBe(0);

    // Its queue, searched by the case number (all statuses): nothing.
    await page.goto(`${s.url}/office?status=all&q=${foodCase}`);
    await page.getByTestId('queue-table').waitFor();
    await page.locator('[data-testid="queue-table"] .ant-table-placeholder').waitFor();
    expect(await page.locator(`[data-testid="queue-row"][data-case-no="${foodCase}"]`).count()).toBe(0);
    const ga = await login(s.url, 'approver-ga');
    expect((await ga.request('GET', `/api/cases/${foodCase}`)).status).toBe(404);
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);

    // The front desk signs in and is sent to its own workplace from here.
    const other = await newPage();
    await signIn(other.page, 'desk1', '/office', { office: false });
    await other.page.getByTestId('office-forbidden').waitFor();
    expect(await other.page.getByTestId('office-home-link').getAttribute('href')).toBe('/desk');
  }, 120_000);

  it('a stale page is told that someone else acted first; nothing is done twice', async () => {
    const item = await findItem(s, '食品经营许可');
    const caseNo = (await intake(desk, item)).body.caseNo as string;
    const { page, errors } = await newPage();
    await signIn(page, 'approver-scjg', `/office/cases/${caseNo}`);
    await waitStatus(page, 'received');
    expect(await page.getByTestId('case-page').getAttribute('data-version')).toBe('1');

    // Meanwhile a colleague accepts it through the API.
    const colleague = await login(s.url, 'approver-scjg');
    expect((await act(colleague, caseNo, 'accept')).status).toBe(200);

    await doAction(page, 'accept', async (p) => {
      await textarea(p, 'action-comment').fill('同意受理');
    });
    const notice = page.getByTestId('action-conflict');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('他人');
    await waitStatus(page, 'accepted');
    expect(await notice.textContent()).toContain('已受理');
    expect(await page.getByTestId('case-page').getAttribute('data-version')).toBe('2');
    await expectNoHorizontalScroll(page);
    await shot(page, 'conflict');

    const timeline = (await colleague.request('GET', `/api/cases/${caseNo}/timeline`)).body as { action: string }[];
    expect(timeline.filter((e) => e.action === 'accept')).toHaveLength(1);
    expect((await colleague.request('GET', `/api/cases/${caseNo}`)).body.version).toBe(2);

    // Now on the current version: a special procedure stops the clock, resuming restarts it.
    await openDialog(page, 'pause');
    await page.getByTestId('action-pause-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '专家评审' }).click();
    // On a busy machine the option's click can land while the list is still opening: go on only once it is chosen.
    await expect.poll(() => page.getByTestId('action-pause-kind').textContent()).toContain('专家评审');
    await field(page, 'action-expected-days').fill('10');
    await textarea(page, 'action-comment').fill('经营场所涉及特殊工艺，需组织专家评审');
    await page.waitForTimeout(300);
    await shot(page, 'pause-dialog');
    await page.getByTestId('action-submit').click();
    await waitStatus(page, 'paused');
    expect(await page.getByTestId('case-clock').getAttribute('data-running')).toBe('false');
    expect(await page.getByTestId('clock-state').textContent()).toContain('专家评审');
    expect(await page.getByTestId('action-conflict').count()).toBe(0);
    await page.locator('[data-testid="timeline-entry"][data-action="pause"]').waitFor();
    await shot(page, 'case-paused');
    await doAction(page, 'resume');
    await waitStatus(page, 'accepted');

    // One-time notification: the missing materials are ticked from the case's own list.
    await submitUnfilled(page, 'request-supplement');
    await page.locator('[data-testid="action-missing"] .ant-checkbox-wrapper').nth(1).click();
    await textarea(page, 'action-comment').fill('营业执照复印件不清晰，请重新提供');
    await page.waitForTimeout(300);
    await shot(page, 'supplement-dialog');
    await page.getByTestId('action-submit').click();
    await waitStatus(page, 'supplement');
    await page.getByTestId('print-supplement').waitFor();
    await page.locator('[data-testid="case-materials"] [data-provided="false"]').first().waitFor();
    const after = (await colleague.request('GET', `/api/cases/${caseNo}`)).body;
    expect(after.status).toBe('supplement');
    expect(after.materials.filter((m: { provided: boolean }) => !m.provided).map((m: { code: string }) => m.code)).toEqual([after.materials[1].code]);
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  }, 120_000);

  it('a joint case (我要开餐馆) goes through its departments, in parallel inside a stage', async () => {
    const item = await findItem(s, '我要开餐馆（营业执照+食品经营许可）');
    expect(item.kind).toBe('joint');
    const caseNo = (await intake(desk, item, { applicant: COMPANY })).body.caseNo as string;
    expect((await act(desk, caseNo, 'accept')).status).toBe(200);

    const scjg = await newPage();
    await signIn(scjg.page, 'approver-scjg');
    await openFromQueue(scjg.page, caseNo);
    await scjg.page.getByTestId('case-tasks').waitFor();
    // Stage 1 (设立登记) is SCJG's alone.
    await doAction(scjg.page, 'task-pass', async (p) => {
      await textarea(p, 'action-comment').fill('设立登记通过');
    });
    await scjg.page.locator('[data-testid="case-task"][data-department="SCJG"][data-status="passed"]').first().waitFor();

    // Stage 2 (许可): SCJG, XF and HB at the same time. XF and HB see it in their queues with the stage's progress.
    const xf = await newPage();
    await signIn(xf.page, 'approver-xf');
    const xfRow = xf.page.locator(`[data-testid="queue-row"][data-case-no="${caseNo}"]`);
    await xfRow.locator('[data-testid="joint-task"][data-department="XF"][data-status="active"]').waitFor();
    expect(await xfRow.locator('[data-testid="joint-task"]').count()).toBe(3);
    await expectNoHorizontalScroll(xf.page);
    await shot(xf.page, 'joint-queue');
    const hb = await newPage();
    await signIn(hb.page, 'approver-hb', `/office/cases/${caseNo}`);
    await hb.page.getByTestId('action-task-pass').waitFor();

    await openFromQueue(xf.page, caseNo);
    await doAction(xf.page, 'task-pass', async (p) => {
      await textarea(p, 'action-comment').fill('消防审验合格');
    });
    await xf.page.locator('[data-testid="case-task"][data-department="XF"][data-status="passed"]').waitFor();
    expect(await xf.page.locator('[data-testid^="action-task-"]').count()).toBe(0);

    // HB's page was opened before XF decided: the refresh shows XF's pass, then HB decides.
    await hb.page.getByTestId('case-refresh').click();
    await hb.page.locator('[data-testid="case-task"][data-department="XF"][data-status="passed"]').waitFor();
    await doAction(hb.page, 'task-pass');
    await hb.page.locator('[data-testid="case-task"][data-department="HB"][data-status="passed"]').waitFor();
    await shot(hb.page, 'joint-case');

    // SCJG, last of stage 2: the joint approval is granted as one decision; then it completes.
    await scjg.page.getByTestId('case-refresh').click();
    await scjg.page.locator('[data-testid="case-task"][data-department="HB"][data-status="passed"]').waitFor();
    await doAction(scjg.page, 'task-pass');
    await waitStatus(scjg.page, 'approved');
    await doAction(scjg.page, 'complete', async (p) => {
      await field(p, 'action-result-no').fill('LB-2026-0001');
    });
    await waitStatus(scjg.page, 'completed');

    const lead = await login(s.url, 'approver-scjg');
    const view = (await lead.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view.status).toBe('completed');
    expect(view.tasks.map((t: { department: { code: string }; status: string }) => `${t.department.code}:${t.status}`)).toEqual([
      'SCJG:passed', 'SCJG:passed', 'XF:passed', 'HB:passed',
    ]);
    for (const p of [scjg, xf, hb]) expect(p.errors).toEqual([]);
  }, 180_000);

  it('the supervisor reads a case by number without actions and sees the yellow and red cases', async () => {
    const item = await findItem(s, '食品经营许可');
    const scjg = await login(s.url, 'approver-scjg');
    // Red: accepted on Monday 16 November. Yellow: accepted a week later, on Monday 23 November.
    const red = (await intake(desk, item)).body.caseNo as string;
    expect((await act(scjg, red, 'accept')).status).toBe(200);
    s.clock.set('2026-11-23T02:00:00Z');
    const desk2 = await login(s.url, 'desk1');
    const scjg2 = await login(s.url, 'approver-scjg');
    const yellow = (await intake(desk2, item)).body.caseNo as string;
    expect((await act(scjg2, yellow, 'accept')).status).toBe(200);
    // Wednesday 25 November: with the promised 5 working days the first is overdue, the second has 3 days left.
    s.clock.set('2026-11-25T02:00:00Z');
    await scanCases({ db: s.database.db, clock: s.clock, publicUrl: s.url });
    const scjg3 = await login(s.url, 'approver-scjg');
    expect((await scjg3.request('GET', `/api/cases/${red}`)).body.clock).toMatchObject({ warning: 'red' });
    expect((await scjg3.request('GET', `/api/cases/${yellow}`)).body.clock).toMatchObject({ warning: 'yellow', daysLeft: 3 });

    const { page, errors } = await newPage();
    await signIn(page, 'supervisor');
    await page.getByTestId('warnings-page').waitFor();
    const redRow = page.locator(`[data-testid="queue-row"][data-case-no="${red}"]`);
    const yellowRow = page.locator(`[data-testid="queue-row"][data-case-no="${yellow}"]`);
    await redRow.waitFor();
    await yellowRow.waitFor();
    expect(await redRow.getAttribute('data-warning')).toBe('red');
    expect(await yellowRow.getAttribute('data-warning')).toBe('yellow');
    expect(await redRow.textContent()).toContain('超期');
    expect(await yellowRow.textContent()).toContain('剩 3 个工作日');
    expect(await page.locator('[data-testid="warnings-table"] [data-testid="queue-row"]').first().getAttribute('data-warning')).toBe('red');
    await expectNoHorizontalScroll(page);
    await shot(page, 'supervisor-warnings');

    // Filter by department: another department has none of them.
    await page.getByTestId('warnings-department').click();
    await page.locator('.ant-select-item-option', { hasText: '公安局' }).first().click();
    await page.waitForURL(/dept=GA/);
    await page.locator('[data-testid="warnings-table"] .ant-table-placeholder').waitFor();
    expect(await redRow.count()).toBe(0);
    await page.getByTestId('warnings-department').click();
    await page.locator('.ant-select-item-option', { hasText: '市场监督管理局' }).first().click();
    await page.waitForURL(/dept=SCJG/);
    await redRow.waitFor();
    await yellowRow.waitFor();

    // Open a case by its number: read-only, with clock and timeline, no action buttons.
    await field(page, 'open-case-input').fill(red);
    await page.getByTestId('open-case-button').click();
    await page.waitForURL(new RegExp(`/office/cases/${red}$`));
    await waitStatus(page, 'accepted');
    await page.getByTestId('case-read-only').waitFor();
    await page.getByTestId('actions-none').waitFor();
    expect(await page.locator('[data-testid="action-panel"] button').count()).toBe(0);
    expect(await page.getByTestId('case-clock').getAttribute('data-warning')).toBe('red');
    await page.locator('[data-testid="timeline-entry"][data-action="accept"]').waitFor();
    // Supervisors read; personal data stays masked.
    expect(await page.getByTestId('case-id-number').textContent()).toMatch(/\*/);
    expect(await statusOf(page)).toBe('accepted');
    await expectNoHorizontalScroll(page);
    await shot(page, 'supervisor-case');

    // The same page in English keeps its layout.
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('case-read-only').filter({ hasText: 'Read-only' }).waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'supervisor-case-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('case-read-only').filter({ hasText: '只读' }).waitFor();

    // All cases of the center, filtered to the red ones by their count.
    await page.getByTestId('nav-all').click();
    await page.waitForURL(/\/office\/all$/);
    await page.getByTestId('count-red-value').filter({ hasText: /^[1-9]/ }).waitFor();
    await page.getByTestId('count-red').click();
    await page.waitForURL(/warning=red/);
    await redRow.waitFor();
    expect(await yellowRow.count()).toBe(0);
    const warnings = await page.locator('[data-testid="queue-table"] [data-testid="queue-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-warning')));
    expect(new Set(warnings)).toEqual(new Set(['red']));
    await expectNoHorizontalScroll(page);
    await shot(page, 'supervisor-all');

    // The API refuses the supervisor any action.
    const sup = await login(s.url, 'supervisor');
    expect((await act(sup, red, 'review-pass')).status).toBe(403);
    expect(errors).toEqual([]);
  }, 180_000);
});
