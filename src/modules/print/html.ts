import { DEFAULT_TIME_ZONE, localDate, localDateTime } from '../../domain/time-zone.js';
import { pageScript } from '../../http/page-scripts.js';

/** Escapes text for HTML; every value from the database passes through here. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * a4: the default sheet. slip: an 80 mm receipt-printer roll (72 mm printable). web: a plain screen
 * page (the cancel link is opened on a phone, never printed).
 */
export const LAYOUTS = ['a4', 'slip'] as const;
export type Layout = (typeof LAYOUTS)[number];

// ─── Dates as printed: in the center's zone, written the way official papers write them ───

/** 2026-11-30 → 2026年11月30日 */
export function zhDateOf(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export function zhDate(d: Date, zone: string = DEFAULT_TIME_ZONE): string {
  return zhDateOf(localDate(d, zone));
}

export function zhDateTime(d: Date, zone: string = DEFAULT_TIME_ZONE): string {
  return `${zhDate(d, zone)} ${localDateTime(d, zone).slice(11, 16)}`;
}

// ─── Styles ───

const SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "STSong", serif';
// Thermal heads print thin serifs badly: slips use a sans stack, and no monospace face anywhere.
const SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", "WenQuanYi Micro Hei", sans-serif';

/** Shared by every paper: long Chinese names and unbroken codes wrap inside their cell. */
const BASE_CSS = `
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { color: #000; margin: 0; overflow-wrap: break-word; }
  table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
  /* Fixed columns: a long name or an unbroken code wraps inside its cell instead of widening the table. */
  table.fixed { table-layout: fixed; }
  table.fixed th, table.fixed td { overflow-wrap: anywhere; }
  table.list th { white-space: nowrap; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  th, td { border: 0.6pt solid #000; vertical-align: top; text-align: left; }
  th { background: #f0f0f0; font-weight: bold; }
  svg { display: block; }
  .num { text-align: center; }
  .muted { color: #444; }
  .blank { display: inline-block; min-width: 30mm; border-bottom: 0.6pt solid #000; height: 1.2em; vertical-align: bottom; }
  .toolbar { font-family: ${SANS}; font-size: 10pt; display: flex; gap: 8px; justify-content: flex-end; align-items: center; margin: 0 auto 4mm; }
  .toolbar a { color: #1677ff; }
  .toolbar button { font-size: 10pt; padding: 4px 14px; cursor: pointer; }
  .sheet { background: #fff; margin: 0 auto; }
  @media screen { body { background: #e9e9e9; padding: 6mm 0; } .sheet { box-shadow: 0 1px 6px rgba(0, 0, 0, .25); } }
  @media print { .toolbar { display: none; } .sheet { box-shadow: none; padding: 0 !important; width: auto !important; min-height: 0 !important; } body { background: #fff; padding: 0; } }

  /* Paper frame: center name, title, case number, QR; issuing date and seal at the foot. */
  .doc-head { display: grid; align-items: center; }
  .doc-org { font-weight: bold; }
  .doc-title { margin: 0; font-weight: bold; }
  .doc-no b { font-family: ${SANS}; letter-spacing: 0.5pt; }
  .doc-qr { text-align: center; }
  .doc-qr svg { margin: 0 auto; background: #fff; }
  .doc-rule { border: 0; border-top: 1.6pt solid #000; border-bottom: 0.5pt solid #000; height: 2pt; }
  .sign-area { display: flex; justify-content: space-between; align-items: flex-end; break-inside: avoid; page-break-inside: avoid; }
  .sign-lines > div { white-space: nowrap; }
  .seal { position: relative; text-align: center; display: flex; flex-direction: column; justify-content: center; }
  /* Placed by offsets, not a transform: Chromium paginates by the untransformed box, which would push a blank page. */
  .seal-mark { position: absolute; border: 0.8pt dashed #999; border-radius: 50%; color: #888; text-align: center; }
  .seal-org, .seal-date { position: relative; white-space: nowrap; }
  .doc-foot { border-top: 0.5pt solid #000; color: #222; }
`;

const A4_CSS = `
  @page { size: A4; margin: 15mm 18mm 14mm; }
  body { font-family: ${SERIF}; font-size: 11pt; line-height: 1.55; }
  .sheet { width: 210mm; min-height: 297mm; padding: 15mm 18mm 14mm; }
  .toolbar { width: 210mm; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; letter-spacing: 1pt; }
  h3 { font-size: 12pt; margin: 4mm 0 1.5mm; }
  p { margin: 1.8mm 0; }
  th, td { padding: 1.1mm 2mm; }
  table { margin: 2mm 0 3mm; }
  .doc-head { grid-template-columns: 30mm 1fr 30mm; grid-template-areas: ". org qr" ". title qr" ". no qr"; }
  .doc-org { grid-area: org; text-align: center; font-size: 14pt; letter-spacing: 1pt; }
  .doc-title { grid-area: title; text-align: center; font-size: 22pt; letter-spacing: 6pt; margin: 1.5mm 0; }
  .doc-no { grid-area: no; text-align: center; font-size: 10.5pt; }
  .doc-no b { font-size: 13pt; }
  .doc-qr { grid-area: qr; font-size: 7.5pt; line-height: 1.3; }
  .doc-qr svg { width: 24mm; height: 24mm; padding: 1mm; }
  .doc-rule { margin: 2.5mm 0 4mm; }
  .addressee { font-weight: bold; margin-top: 3mm; }
  table.fill th, table.fill td { height: 10mm; vertical-align: middle; }
  .indent { text-indent: 2em; }
  .sign-area { margin-top: 6mm; }
  .sign-lines > div { margin-bottom: 5mm; }
  .seal { width: 64mm; min-height: 40mm; padding-top: 9mm; }
  .seal-mark { width: 38mm; height: 38mm; left: calc(50% - 19mm); top: calc(50% - 19mm); padding-top: 5mm; font-size: 8.5pt; }
  .seal-org { font-size: 12pt; }
  .seal-date { font-size: 11pt; margin-top: 1mm; }
  .doc-foot { margin-top: 3mm; padding-top: 1.5mm; font-size: 8.5pt; line-height: 1.45; }
  /* Item papers (服务指南, 一次性告知单). */
  .head { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm; }
  .sub { text-align: center; margin-bottom: 5mm; font-size: 10pt; }
  .qr { width: 28mm; flex: none; text-align: center; font-size: 8pt; }
  .qr svg { width: 26mm; height: 26mm; margin: 0 auto; }
  table:not(.list) th { width: 24mm; }
  .foot { margin-top: 6mm; font-size: 9pt; }
  .sign { margin-top: 10mm; display: flex; justify-content: space-between; gap: 4mm; }
`;

const SLIP_CSS = `
  @page { size: 80mm auto; margin: 3mm 4mm; }
  body { font-family: ${SANS}; font-size: 9pt; line-height: 1.45; }
  .sheet { width: 80mm; padding: 3mm 4mm; }
  .toolbar { width: 80mm; flex-wrap: wrap; }
  p { margin: 1.2mm 0; }
  table { max-width: 72mm; margin: 1mm 0 2mm; }
  th, td { padding: 0.8mm 1mm; border-width: 0.4pt; }
  th { width: 17mm; background: none; }
  .doc-head { grid-template-columns: 1fr; text-align: center; }
  .doc-org { font-size: 10.5pt; }
  .doc-title { font-size: 14pt; letter-spacing: 3pt; margin: 0.5mm 0; }
  .doc-no { font-size: 9pt; }
  .doc-no b { display: block; font-size: 13pt; }
  .doc-qr { font-size: 7.5pt; margin: 2mm 0 1mm; }
  .doc-qr svg { width: 20mm; height: 20mm; padding: 0.8mm; }
  .doc-rule { margin: 1.5mm 0 2mm; border-top-width: 1pt; }
  .doc-rule + .rows { border-top: 0; }
  .rows { border-top: 0.4pt dashed #000; border-bottom: 0.4pt dashed #000; padding: 0.8mm 0; margin: 1mm 0 2mm; }
  .rows > div { display: flex; gap: 1.5mm; }
  .rows > div > span:first-child { flex: none; width: 15mm; color: #333; }
  .rows > div > span:last-child { flex: 1; min-width: 0; overflow-wrap: anywhere; }
  .sign-area { flex-direction: column; align-items: stretch; margin-top: 3mm; }
  .sign-lines > div { margin-bottom: 3mm; white-space: normal; }
  .blank { min-width: 28mm; }
  .seal { align-self: flex-end; width: 40mm; min-height: 26mm; padding-top: 5mm; margin-top: 1mm; }
  .seal-mark { width: 24mm; height: 24mm; left: calc(50% - 12mm); top: calc(50% - 12mm); padding-top: 3mm; font-size: 6.5pt; }
  .seal-org { font-size: 8.5pt; white-space: normal; }
  .seal-date { font-size: 8.5pt; }
  .doc-foot { margin-top: 2mm; padding-top: 1mm; font-size: 7.5pt; line-height: 1.35; text-align: center; }
`;


const WEB_CSS = `
  body { font-family: ${SANS}; font-size: 12pt; line-height: 1.6; max-width: 40em; margin: 0 auto; padding: 6mm; }
`;

export interface PageOptions {
  title: string;
  body: string;
  layout?: Layout | 'web';
  /** Extra toolbar links (e.g. the other layout), shown on screen only. */
  links?: { href: string; label: string }[];
}

/** One printable page: the sheet on screen, the paper when printed. */
export function printPage(o: PageOptions): string {
  const layout = o.layout ?? 'a4';
  if (layout === 'web') {
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(o.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>${WEB_CSS}</style></head>
<body>
${o.body}
</body></html>`;
  }
  const links = (o.links ?? []).map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(o.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>${BASE_CSS}${layout === 'slip' ? SLIP_CSS : A4_CSS}</style>
${pageScript('print.js')}${layout === 'slip' ? pageScript('slip.js') : ''}</head>
<body class="layout-${layout}">
<div class="toolbar">${links}<button type="button" data-action="print">打印 / Print</button></div>
<main class="sheet">
${o.body}
</main>
</body></html>`;
}

/** A4 page with the print CSS shared by every printed paper. */
export function a4Page(title: string, body: string): string {
  return printPage({ title, body, layout: 'a4' });
}

/** What a browser shows instead of a paper that cannot be printed (yet); API clients get JSON. */
export function errorPage(status: number, message: string): string {
  const body = `<h1>无法打印 / Cannot print</h1>
  <p>${esc(message)}</p>
  <p class="muted">HTTP ${status}</p>`;
  return printPage({ title: '无法打印', body, layout: 'web' });
}
