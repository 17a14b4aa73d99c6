import { esc, type Layout } from './html.js';

/**
 * The frame every case paper shares, so they read as one series: the center's name, the title,
 * the case number as text and as a QR code to the public progress page, then the issuing date,
 * the signatures and the seal at the foot.
 */
export interface FrameHead {
  centerName: string;
  title: string;
  /** Under the title, smaller: e.g. （办理结果领取凭证）. */
  subtitle?: string;
  caseNo: string;
  qr: string;
  layout: Layout;
}

export function docHead(h: FrameHead): string {
  return `<header class="doc-head">
    <div class="doc-org">${esc(h.centerName)}</div>
    <h1 class="doc-title">${esc(h.title)}</h1>
    <div class="doc-no">${h.subtitle ? `<div>${esc(h.subtitle)}</div>` : ''}办件编号：<b class="case-no">${esc(h.caseNo)}</b></div>
    <div class="doc-qr">${h.qr}<div>扫码查询办理进度</div></div>
  </header>
  <hr class="doc-rule">`;
}

/** A labelled value; `html` values are already escaped. `wide` takes a whole row on A4. */
export interface InfoRow {
  label: string;
  html: string;
  wide?: boolean;
}

export const text = (label: string, value: unknown, wide?: boolean): InfoRow => ({ label, html: esc(value), wide });

/**
 * A4: a four-column table, two facts a row, long ones across. Slip: one fact a line (a table of
 * four columns would not fit 72 mm).
 */
export function infoBlock(rows: InfoRow[], layout: Layout): string {
  if (layout === 'slip') {
    return `<div class="rows">${rows.map((r) => `<div><span>${esc(r.label)}</span><span>${r.html}</span></div>`).join('')}</div>`;
  }
  const out: string[] = [];
  let pending: InfoRow | undefined;
  const flush = () => {
    if (pending) out.push(`<tr><th>${esc(pending.label)}</th><td colspan="3">${pending.html}</td></tr>`);
    pending = undefined;
  };
  for (const r of rows) {
    if (r.wide) { flush(); out.push(`<tr><th>${esc(r.label)}</th><td colspan="3">${r.html}</td></tr>`); continue; }
    if (!pending) { pending = r; continue; }
    out.push(`<tr><th>${esc(pending.label)}</th><td>${pending.html}</td><th>${esc(r.label)}</th><td>${r.html}</td></tr>`);
    pending = undefined;
  }
  flush();
  return `<table class="fixed info"><colgroup><col style="width:28mm"><col><col style="width:28mm"><col></colgroup><tbody>${out.join('')}</tbody></table>`;
}

export interface SignArea {
  /** Signature lines, e.g. 窗口经办人（签字）. */
  lines: string[];
  /** Who seals the paper. */
  org: string;
  /** Text inside the seal placeholder. */
  sealLabel?: string;
  /** Issuing date as printed (2026年11月16日), or blank for the clerk to write. */
  date: string;
}

export function signArea(s: SignArea): string {
  const lines = s.lines.map((l) => `<div>${esc(l)}：<span class="blank"></span></div>`).join('');
  return `<section class="sign-area">
    <div class="sign-lines">${lines}</div>
    <div class="seal"><div class="seal-mark">${esc(s.sealLabel ?? '（盖章）')}</div>
      <div class="seal-org">${esc(s.org)}</div><div class="seal-date">${esc(s.date)}</div></div>
  </section>`;
}

export function docFoot(parts: string[]): string {
  return `<footer class="doc-foot">${parts.map((p) => `<div>${p}</div>`).join('')}</footer>`;
}
