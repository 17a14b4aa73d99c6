/**
 * The pages an SMS link opens on a phone (撤销 /c, 评价 /r, 整改回复 /f): server-rendered, with the
 * center's name and the portal's look, so that the applicant sees who is asking before pressing a
 * button. One stylesheet for all three, served as a file (GET /landing.css): no inline styles or
 * scripts are needed for the look, which keeps the pages within a strict Content-Security-Policy.
 */
import { and, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../../db/client.js';
import { cases, centers } from '../../db/schema/index.js';
import type { Api } from '../../http/schemas.js';
import { getCenterCached, getPublicCenter } from '../centers/centers.service.js';
import { esc } from './html.js';

export const LANDING_CSS_PATH = '/landing.css';

/** The portal's colours and type (web/src/shared/AppShell theme: primary #1d5fb8), for a phone first. */
export const LANDING_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #f5f7fa; color: rgba(0, 0, 0, 0.88); line-height: 1.6; font-size: 16px;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
}
.lp-header { background: #1d5fb8; color: #fff; padding: 12px 16px; }
.lp-header-inner { max-width: 640px; margin: 0 auto; display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.lp-center { font-weight: 600; font-size: 18px; color: #fff; text-decoration: none; }
.lp-portal { font-size: 14px; color: #fff; opacity: 0.9; text-decoration: none; }
.lp-main { max-width: 640px; margin: 0 auto; padding: 16px; }
.lp-card { background: #fff; border-radius: 8px; padding: 20px 16px; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.06); }
.lp-card h1 { font-size: 20px; margin: 0 0 12px; }
.lp-card p { margin: 8px 0; }
.lp-muted { color: rgba(0, 0, 0, 0.65); }
.lp-case { font-family: inherit; font-weight: 600; overflow-wrap: anywhere; }
button {
  font: inherit; font-size: 16px; min-height: 44px; padding: 8px 20px; border-radius: 6px; cursor: pointer;
  border: 1px solid #d9d9d9; background: #fff; color: rgba(0, 0, 0, 0.88);
}
button:hover { border-color: #1d5fb8; color: #1d5fb8; }
button:focus-visible { outline: 3px solid #91caff; outline-offset: 1px; }
button.lp-primary, #send, #yes { background: #1d5fb8; border-color: #1d5fb8; color: #fff; }
button.lp-danger, #cancel { background: #c62828; border-color: #c62828; color: #fff; }
.lp-levels, #levels { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.lp-levels button, #levels button { flex: 1 1 40%; }
fieldset { border: 1px solid #d9d9d9; border-radius: 6px; padding: 12px; margin: 12px 0; }
legend { padding: 0 4px; font-weight: 600; }
fieldset label { display: inline-block; min-height: 32px; }
textarea { width: 100%; font: inherit; padding: 8px; border: 1px solid #d9d9d9; border-radius: 6px; margin: 8px 0; }
#result:not(:empty) { padding: 8px 12px; background: #e6f4ff; border-radius: 6px; }
.lp-footer { max-width: 640px; margin: 0 auto; padding: 8px 16px 24px; font-size: 14px; color: rgba(0, 0, 0, 0.65); text-align: center; }
.lp-footer a { color: #1d5fb8; }
`;

/** The center behind a case link when the link's secret matches; the portal's own center otherwise. */
export async function landingCenterName(db: Db, link: { caseNo?: string; token?: string; centerId?: number }): Promise<string> {
  try {
    if (link.centerId !== undefined) return (await getCenterCached(db, link.centerId)).name;
    if (link.caseNo && link.token) {
      // Only with the right token: a guessed case number must not reveal which center holds it.
      const [row] = await db.select({ name: centers.name }).from(cases).innerJoin(centers, eq(centers.id, cases.centerId))
        .where(and(eq(cases.caseNo, link.caseNo), eq(cases.cancelToken, link.token))).limit(1);
      if (row) return row.name;
    }
    return (await getPublicCenter(db)).name;
  } catch {
    return '政务服务中心';
  }
}

/** A landing page: the center's name over the content, the portal's stylesheet, a way on to the portal. */
export function landingPage(o: { title: string; centerName: string; body: string }): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(o.title)} · ${esc(o.centerName)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${LANDING_CSS_PATH}">
</head>
<body>
<header class="lp-header"><div class="lp-header-inner">
<a class="lp-center" href="/" data-testid="landing-center">${esc(o.centerName)}</a>
<a class="lp-portal" href="/">一窗通 · 网上办事大厅</a>
</div></header>
<main class="lp-main"><div class="lp-card">
${o.body}
</div></main>
<footer class="lp-footer"><a href="/">进入网上办事大厅</a></footer>
</body></html>`;
}

export function landingStylesheetRoute(app: Api): void {
  app.get(LANDING_CSS_PATH, {
    schema: { tags: ['public'], summary: 'The stylesheet of the pages SMS links open (/c, /r, /f)', produces: ['text/css'], response: { 200: Type.String() } },
  }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(LANDING_CSS));
}
