/**
 * Supervision pages in /office in a real browser (1366×768, real server, demo center): the supervisor
 * issues a 督办 notice on a case, reads the irregularities and intermediary signals planted through the
 * API and marks one reviewed; the department's approver answers the notice. Screenshots go to test-artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { act, findItem, intake } from '../test/helpers/cases.js';
import { residentIdCheckChar } from '../src/domain/identity.js';
import { closeAll, ensureWebBuilt, launchBrowser, openPage, signInThrough } from './browser.js';

const ARTIFACTS = path.resolve('test-artifacts');
const AGENT_PHONE = '13700001111';

let s: TestServer;
let browser: Browser;
const planted = { afterHours: '', quick: '' };

function residentId(n: number): string {
  const first17 = `110105199001${String(1 + (n % 28)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}
const person = (n: number) => ({ kind: 'person', name: `申请人${n}`, idNumber: residentId(n), phone: `1390000${String(n).padStart(4, '0')}` });

const newPage = () => openPage(browser);

const signIn = (page: Page, username: string, next: string) => signInThrough(page, s.url, username, next, { landsUnder: '/office' });

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `oversight-${name}.png`), fullPage: true });
}

/** Lets the drawer's slide-in (a CSS transition) finish, so the screenshot shows it in place. */
async function settle(page: Page): Promise<void> {
  // Endless animations (a badge's pulsing dot, a spinner) never finish: wait only for the finite ones.
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => a.effect?.getTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => undefined))));
}

beforeAll(async () => {
  await ensureWebBuilt();
  s = await startTestServer({ now: '2026-11-17T14:30:00Z' }); // Tuesday 22:30 local
  const food = await findItem(s, '食品经营许可');
  let desk = await login(s.url, 'desk1');
  planted.afterHours = (await intake(desk, food, { applicant: person(1) })).body.caseNo;
  s.clock.set('2026-11-18T02:00:00Z'); // Wednesday 10:00
  desk = await login(s.url, 'desk1');
  const approver = await login(s.url, 'approver-scjg');
  planted.quick = (await intake(desk, food, { applicant: person(2) })).body.caseNo;
  expect((await act(approver, planted.quick, 'accept')).status).toBe(200);
  s.clock.set('2026-11-18T02:03:00Z');
  expect((await act(approver, planted.quick, 'approve')).status).toBe(200);
  const agent = { name: '王中介', idNumber: residentId(900), phone: AGENT_PHONE, relation: '受托人' };
  for (let n = 10; n < 15; n++) expect((await intake(desk, food, { applicant: person(n), agent })).status).toBe(201);
  s.clock.set('2026-11-18T02:10:00Z');
  browser = await launchBrowser();
}, 300_000);

afterAll(() => closeAll(browser, s), 60_000);

describe('supervision pages', () => {
  it('the supervisor issues a notice, reviews irregularities and reads the intermediary signals', async () => {
    const { page, errors } = await newPage();
    await signIn(page, 'supervisor', '/office/notices');
    await page.getByTestId('notices-page').waitFor();
    await page.getByTestId('notice-new').click();
    await page.locator('.ant-modal:not(.ant-zoom-appear)').waitFor();
    await page.locator('input[data-testid="notice-case"], [data-testid="notice-case"] input').first().fill(planted.quick);
    await page.locator('input[data-testid="notice-subject"], [data-testid="notice-subject"] input').first().fill('请说明即时审批的依据');
    await page.locator('textarea[data-testid="notice-body"], [data-testid="notice-body"] textarea').first().fill('该件受理三分钟即作出准予许可决定，请书面说明审查过程。');
    await page.getByTestId('notice-submit').click();
    await page.getByTestId('notice-drawer').waitFor();
    await page.getByTestId('notice-subject-view').filter({ hasText: '请说明即时审批的依据' }).waitFor();
    // Default deadline: 3 working days after Wednesday 18 November.
    expect(await page.getByTestId('notice-drawer').innerText()).toContain('2026-11-23');
    await settle(page);
    await shot(page, 'notice-issued');
    await page.locator('[data-testid="notice-drawer"] .ant-drawer-close, .ant-drawer .ant-drawer-close').first().click();
    await page.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });
    await page.locator('[data-testid="notices-table"] tbody tr').filter({ hasText: '请说明即时审批的依据' }).waitFor();

    await page.getByTestId('nav-irregularities').click();
    await page.getByTestId('irregularities-page').waitFor();
    const afterHours = page.getByTestId('irr-row-after-hours').filter({ hasText: planted.afterHours });
    const quick = page.getByTestId('irr-row-quick-decision').filter({ hasText: planted.quick });
    await afterHours.waitFor();
    await quick.waitFor();
    expect(await afterHours.innerText()).toContain('22:30');
    await quick.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('irr-evidence').first().waitFor();
    await quick.getByTestId('review-button').click();
    await page.locator('textarea[data-testid="review-note"]').fill('已约谈审批人，系提前预审');
    await page.getByTestId('review-save').click();
    await quick.getByTestId('review-tag').waitFor();
    await shot(page, 'irregularities');

    await page.getByTestId('nav-intermediaries').click();
    await page.getByTestId('intermediaries-page').waitFor();
    const phoneRow = page.getByTestId('frequent-row').filter({ hasText: '137****1111' });
    await phoneRow.waitFor();
    expect(await phoneRow.innerText()).toContain('王**');
    const text = await page.getByTestId('intermediaries-page').innerText();
    expect(text).not.toContain(AGENT_PHONE);
    expect(text).not.toContain(residentId(900));
    await shot(page, 'intermediaries');

    // The thresholds are settings: above five applicants the agent is no longer listed.
    await page.getByTestId('oversight-settings').click();
    await page.locator('.ant-modal:not(.ant-zoom-appear) #minApplicants').waitFor();
    expect(await page.locator('#officeStart').inputValue()).toBe('08:00');
    await page.locator('#minApplicants').fill('6');
    await page.getByTestId('oversight-settings-save').click();
    await page.getByTestId('frequent-row').first().waitFor({ state: 'detached' });
    expect(await page.getByTestId('frequent-row').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("the department's approver sees the notice and answers it", async () => {
    const { page, errors } = await newPage();
    await signIn(page, 'approver-scjg', '/office');
    await page.getByTestId('nav-notices').click();
    const row = page.locator('[data-testid="notices-table"] tbody tr').filter({ hasText: '请说明即时审批的依据' });
    await row.waitFor();
    await row.click();
    await page.getByTestId('notice-drawer').waitFor();
    await page.locator('textarea[data-testid="notice-answer-input"]').fill('经核查，申请人提前通过网上预审，材料齐全。');
    await page.getByTestId('notice-answer-submit').click();
    await page.getByTestId('notice-answers').filter({ hasText: '经核查' }).waitFor();
    await page.locator('[data-testid="notice-drawer"] [data-testid="notice-status"]').filter({ hasText: '已答复' }).waitFor();
    await settle(page);
    await shot(page, 'notice-answered');
    // Approvers have no irregularity pages.
    expect(await page.getByTestId('nav-irregularities').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
