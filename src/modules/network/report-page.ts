import { esc, printPage, zhDate, zhDateOf } from '../print/html.js';
import type { NetworkReport, NetworkReportRow, NetworkReportTotals } from '#contract/network-report.js';

// Seventeen columns do not fit a portrait sheet: the report prints in landscape, like the bulletin.
const LANDSCAPE = `<style>
  @page { size: A4 landscape; margin: 10mm 10mm; }
  .sheet { width: 297mm; min-height: 210mm; padding: 10mm; }
  .toolbar { width: 297mm; }
  table.network { width: 100%; border-collapse: collapse; font-size: 8.5pt; line-height: 1.3; }
  table.network th, table.network td { border: 0.6pt solid #000; padding: 0.8mm 1mm; text-align: center; }
  table.network td.name { text-align: left; }
  table.network tr.village td.name { padding-left: 5mm; }
  table.network tr.township td, table.network tr.total td { font-weight: bold; }
  table.network tr.county td { font-style: italic; }
  .network-sub { text-align: center; margin: 0 0 3mm; }
  .notes { font-size: 9pt; }
  @media print { table.network tr { page-break-inside: avoid; } }
</style>`;

const num = (v: number | null) => (v === null ? '—' : String(v));

function cells(l: NetworkReportRow | NetworkReportTotals): string {
  return [l.taken, l.completed, l.delivered, l.appointments, l.moved, l.intakeAvgHours, l.intakeMaxHours, l.returnAvgHours, l.returnMaxHours,
    l.overdue, l.notReturned, l.ratings, l.ratingAvg, l.satisfactionRate]
    .map((v) => `<td>${num(v)}</td>`).join('');
}

/** The printable monthly report of the network (A4 landscape), from the same NetworkReport as the API and the Excel file. */
export function networkReportPage(r: NetworkReport): string {
  const title = `${r.month.slice(0, 4)}年${Number(r.month.slice(5))}月县乡村三级代办、预约工作月报`;
  const rows = r.rows.map((l) => `<tr class="${l.level}" data-code="${esc(l.code)}"><td class="name">${esc(l.name)}${l.level === 'county' ? '（参照）' : ''}</td>${cells(l)}</tr>`).join('');
  const body = `${LANDSCAPE}
  <header class="doc-head"><div class="doc-org">${esc(r.centerName)}</div><h1 class="doc-title">${esc(title)}</h1></header>
  <p class="network-sub">统计期间：${esc(zhDateOf(r.from))}至${esc(zhDateOf(r.to))}</p>
  <table class="network">
    <thead>
      <tr><th rowspan="2">乡镇便民服务站 / 村便民服务室</th><th colspan="3">代办件</th><th rowspan="2">预约</th><th rowspan="2">流转份数</th>
        <th colspan="2">收件至县中心签收（工作小时）</th><th colspan="2">办结至交还申请人（工作小时）</th><th rowspan="2">超时滞留份数</th><th rowspan="2">结果未交还</th>
        <th colspan="3">评价</th></tr>
      <tr><th>件数</th><th>已办结</th><th>已出件</th><th>平均</th><th>最长</th><th>平均</th><th>最长</th><th>件数</th><th>平均分</th><th>满意率%</th></tr>
    </thead>
    <tbody>${rows}<tr class="total"><td class="name">网络合计</td>${cells(r.totals)}</tr></tbody>
  </table>
  <div class="notes">
    <p>口径：代办件为当月在该站点收件的代办件，已办结、已出件为截至制表时的情况；预约为当月日期的预约（不含已取消）；流转份数为当月从该站点送出的纸质材料和结果份数（每份每次交接计一次）；收件至县中心签收为当月代办件全部材料到达县中心的工作小时数；办结至交还为当月代办件结果交还申请人的工作小时数；结果未交还为当月代办件中结果尚未交还申请人的份数；评价为当月代办件的评价（不含认定不实的评价），满意率为基本满意及以上所占比例。县中心一行为窗口和网上收件，仅供参照，不计入网络合计。</p>
    <p>超时滞留：${esc(r.overdueRule)}</p>
  </div>
  <p style="text-align:right">${esc(r.centerName)}<br>制表：${esc(zhDate(new Date(r.generatedAt), r.timeZone))}</p>`;
  return printPage({ title, body, layout: 'a4' });
}
