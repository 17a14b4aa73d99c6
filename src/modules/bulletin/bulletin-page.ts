import { esc, printPage, zhDate, zhDateOf } from '../print/html.js';
import type { Bulletin, DepartmentLine, Totals } from './bulletin.service.js';
import { RANK_RULE } from './bulletin.service.js';

// Eighteen columns do not fit a portrait sheet: the bulletin prints in landscape.
const LANDSCAPE = `<style>
  @page { size: A4 landscape; margin: 10mm 10mm; }
  .sheet { width: 297mm; min-height: 210mm; padding: 10mm; }
  .toolbar { width: 297mm; }
  table.bulletin { width: 100%; border-collapse: collapse; font-size: 8.5pt; line-height: 1.3; }
  table.bulletin th, table.bulletin td { border: 0.6pt solid #000; padding: 0.8mm 1mm; text-align: center; }
  table.bulletin td.name { text-align: left; }
  table.bulletin tr.total td { font-weight: bold; }
  .bulletin-sub { text-align: center; margin: 0 0 3mm; }
  .notes { font-size: 9pt; }
  .flag { font-weight: bold; }
</style>`;

const num = (v: number | null) => (v === null ? '—' : String(v));

function cells(l: DepartmentLine | Totals): string {
  return [l.received, l.completed, l.onTime, l.onTimeRate, l.early, l.earlyRate, l.overdue, l.warningsYellow, l.warningsRed, l.notices, l.noticesAnswered, l.noticesEscalated,
    l.complaints, l.ratings, l.satisfactionRate]
    .map((v) => `<td>${num(v)}</td>`).join('');
}

/** The printable 督查通报 (A4 landscape), from the same Bulletin as the API and the Excel file. */
export function bulletinPage(b: Bulletin): string {
  const title = `${b.month.slice(0, 4)}年${Number(b.month.slice(5))}月督查通报`;
  const rows = b.departments.map((l) => `<tr data-code="${esc(l.code)}"><td>${l.rank ?? '—'}</td><td class="name">${esc(l.name)}${b.redFlag?.code === l.code ? ' <span class="flag">★流动红旗</span>' : ''}</td>${cells(l)}</tr>`).join('');
  const flag = b.redFlag
    ? `本月流动红旗候选：<b>${esc(b.redFlag.name)}</b>（排名第一且无超期件）。`
    : '本月无流动红旗候选（排名第一的部门有超期件，或本月无办结件）。';
  const body = `${LANDSCAPE}
  <header class="doc-head"><div class="doc-org">${esc(b.centerName)}</div><h1 class="doc-title">${esc(title)}</h1></header>
  <p class="bulletin-sub">统计期间：${esc(zhDateOf(b.from))}至${esc(zhDateOf(b.to))}</p>
  <table class="bulletin">
    <thead>
      <tr><th rowspan="2">排名</th><th rowspan="2">部门</th><th rowspan="2">收件</th><th colspan="5">办结</th><th rowspan="2">超期件</th>
        <th colspan="2">预警</th><th colspan="3">督办</th><th rowspan="2">投诉</th><th rowspan="2">评价数</th><th rowspan="2">满意率(%)</th></tr>
      <tr><th>件数</th><th>按期</th><th>按期率%</th><th>提前</th><th>提前率%</th><th>黄</th><th>红</th><th>件数</th><th>已回复</th><th>已升级</th></tr>
    </thead>
    <tbody>${rows}<tr class="total"><td></td><td class="name">合计</td>${cells(b.totals)}</tr></tbody>
  </table>
  <p>${flag}</p>
  <div class="notes">
    <p>排名规则：${esc(RANK_RULE)}</p>
    <p>口径：收件为当月收件；办结为当月办结（含不予许可）；按期含提前；超期件为当月超期办结件加上承诺办结日期在当月且已过期仍未办结的在办件；预警为当月发出的黄色、红色预警；督办为当月发出的督办件；投诉为当月收到的针对该部门的投诉（不含咨询）；评价为当月对该部门办件的评价（不含认定不实的评价），满意率为基本满意及以上所占比例。</p>
  </div>
  <p style="text-align:right">${esc(b.centerName)}　电子监察室<br>${esc(zhDate(new Date(b.generatedAt), b.timeZone))}</p>`;
  return printPage({ title, body, layout: 'a4' });
}
