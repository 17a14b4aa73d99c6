/**
 * The scripts of the server-rendered pages (printed papers, the SMS landing pages /c, /r and /f).
 * The Content-Security-Policy allows scripts from this origin only (no inline scripts, no inline
 * event handlers), so each page links one of these by URL and passes its data in data-* attributes,
 * which the HTML escaping already makes safe, instead of building JavaScript around user input.
 *
 * They live here as strings rather than as files so that they ship with the server however it is
 * run or packaged.
 */
import type { FastifyInstance } from 'fastify';

export const PAGE_SCRIPT_PREFIX = '/page-scripts/';

const SCRIPTS: Record<string, string> = {
  // Every printable paper: the toolbar's print button.
  'print.js': `
document.querySelectorAll('[data-action="print"]').forEach((b) => b.addEventListener('click', () => window.print()));
`,
  // A receipt printer feeds a roll and Chromium drops "size: 80mm auto" (auto is not a valid page
  // length): once laid out, the page is sized to the slip so it prints as one piece without breaks.
  'slip.js': `
(() => {
  const fit = () => {
    const sheet = document.querySelector('.sheet');
    if (!sheet) return;
    // The sheet's padding on screen equals the page margins in print.
    const mm = Math.ceil(sheet.getBoundingClientRect().height * 25.4 / 96) + 4;
    let style = document.getElementById('slip-length');
    if (!style) { style = document.createElement('style'); style.id = 'slip-length'; document.head.append(style); }
    style.textContent = '@page { size: 80mm ' + mm + 'mm; }';
  };
  if (document.readyState === 'complete') (document.fonts ? document.fonts.ready : Promise.resolve()).then(fit);
  else addEventListener('load', () => (document.fonts ? document.fonts.ready : Promise.resolve()).then(fit));
  addEventListener('beforeprint', fit);
})();
`,
  // /c/<caseNo>?t=<token>: the SMS cancel link's one button.
  'cancel.js': `
(() => {
  const button = document.getElementById('cancel');
  button.addEventListener('click', async () => {
    const res = await fetch('/api/public/cases/' + encodeURIComponent(button.dataset.caseNo) + '/cancel', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: button.dataset.token }) });
    const body = await res.json();
    document.getElementById('result').textContent = res.ok ? '已撤销。' : (body.message || '撤销失败');
  });
})();
`,
  // /r/<caseNo>?t=<token>: rate a case; a bad rating asks for reasons first.
  'rate.js': `
(() => {
  const form = document.getElementById('levels');
  let level = 0;
  const send = async () => {
    const reasons = [...document.querySelectorAll('#bad input:checked')].map((x) => x.value);
    const res = await fetch('/api/public/cases/' + encodeURIComponent(form.dataset.caseNo) + '/rating', { method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: form.dataset.token, level, reasons, comment: document.getElementById('comment').value }) });
    const body = await res.json();
    document.getElementById('result').textContent = res.ok ? '感谢您的评价！' : (body.message || '提交失败');
  };
  document.querySelectorAll('.lv').forEach((b) => b.addEventListener('click', () => {
    level = Number(b.dataset.level);
    if (level <= 2) document.getElementById('bad').hidden = false; else send();
  }));
  document.getElementById('send').addEventListener('click', send);
})();
`,
  // /f/<token>: the answer to a bad rating, and whether it satisfied.
  'followup.js': `
(() => {
  const t = document.getElementById('answer').dataset.token;
  fetch('/api/public/followups/' + encodeURIComponent(t)).then((r) => r.json()).then((b) => {
    const el = document.getElementById('answer');
    el.textContent = b.answer ? '处理结果：' + b.answer : (b.message || '未找到');
  });
  const reply = async (satisfied) => {
    const res = await fetch('/api/public/followups/' + encodeURIComponent(t) + '/reply', { method: 'POST',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ satisfied }) });
    const body = await res.json();
    document.getElementById('result').textContent = res.ok ? '感谢您的反馈！' : (body.message || '提交失败');
  };
  document.getElementById('yes').addEventListener('click', () => reply(true));
  document.getElementById('no').addEventListener('click', () => reply(false));
})();
`,
};

/** The `<script>` tag that loads one of the page scripts (deferred: it runs once the page is parsed). */
export function pageScript(name: string): string {
  if (!(name in SCRIPTS)) throw new RangeError(`no page script ${name}`);
  return `<script src="${PAGE_SCRIPT_PREFIX}${name}" defer></script>`;
}

export function registerPageScripts(app: FastifyInstance): void {
  app.get(`${PAGE_SCRIPT_PREFIX}:name`, { schema: { hide: true } }, async (request, reply) => {
    const script = SCRIPTS[(request.params as { name: string }).name];
    if (script === undefined) return reply.callNotFound();
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script);
  });
}
