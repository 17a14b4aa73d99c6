import QRCode from 'qrcode';
import type { Handover } from '#contract/ledger.js';
import type { CenterRow } from '../centers/centers.service.js';
import { a4Page, esc, zhDateTime } from '../print/html.js';

export interface TransferListPaper {
  handover: Handover;
  token: string;
  /** The sending place's zone: the sent time is printed as the clerk who sent it saw it. */
  timeZone: string;
  county: CenterRow;
}

/**
 * The link in the transfer list's QR code: the /station app opens the batch and receives it with
 * the token, so only a person holding the printed list can confirm it by scanning.
 */
export function receiveUrl(publicUrl: string, id: number, token: string): string {
  return `${publicUrl}/station?receive=${id}&t=${encodeURIComponent(token)}`;
}

const KIND = { material: '申请材料', result: '办理结果' } as const;

/** 交接单, A4: what travels, from where to where, who carries it, and lines for both signatures. */
export async function transferListPage(p: TransferListPaper, publicUrl: string): Promise<string> {
  const h = p.handover;
  const qr = await QRCode.toString(receiveUrl(publicUrl, h.id, p.token), { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const rows = h.entries.map((e, i) => `<tr><td class="num">${i + 1}</td><td>${esc(e.caseNo)}</td><td>${esc(e.itemName)}</td><td>${esc(e.applicantName)}</td>
    <td>${esc(e.name)}</td><td class="num">${esc(KIND[e.kind])}</td><td class="num">${e.copies}</td></tr>`).join('');
  const copies = h.entries.reduce((n, e) => n + e.copies, 0);
  const received = h.receivedAt ? `${zhDateTime(new Date(h.receivedAt), p.timeZone)}（${esc(h.receivedBy ?? '')}）` : '<span class="blank"></span>';
  const body = `<header class="doc-head">
    <div class="doc-org">${esc(p.county.name)}</div>
    <h1 class="doc-title">材料交接单</h1>
    <div class="doc-no">批次号：<b class="batch-no">${esc(h.batchNo)}</b></div>
    <div class="doc-qr">${qr}<div>接收方扫码签收</div></div>
  </header>
  <hr class="doc-rule">
  <table class="fixed info"><colgroup><col style="width:28mm"><col><col style="width:28mm"><col></colgroup><tbody>
    <tr><th>交出地点</th><td>${esc(h.from.name)}</td><th>接收地点</th><td>${esc(h.to.name)}</td></tr>
    <tr><th>交出时间</th><td>${esc(zhDateTime(new Date(h.sentAt), p.timeZone))}</td><th>交出人</th><td>${esc(h.sentBy)}</td></tr>
    <tr><th>携带人</th><td>${esc(h.carrier)}</td><th>件数 / 份数</th><td>${h.entries.length} 件 / ${copies} 份</td></tr>
    ${h.note ? `<tr><th>备注</th><td colspan="3">${esc(h.note)}</td></tr>` : ''}
  </tbody></table>
  <table class="fixed list"><colgroup><col style="width:10mm"><col style="width:30mm"><col><col style="width:18mm"><col><col style="width:18mm"><col style="width:12mm"></colgroup>
    <thead><tr><th>序号</th><th>办件编号</th><th>事项</th><th>申请人</th><th>材料名称</th><th>类别</th><th>份数</th></tr></thead>
    <tbody>${rows}</tbody></table>
  <section class="sign-area">
    <div class="sign-lines">
      <div>交出人（签字）：<span class="blank"></span></div>
      <div>携带人（签字）：<span class="blank"></span></div>
    </div>
    <div class="sign-lines">
      <div>接收人（签字）：<span class="blank"></span></div>
      <div>接收时间：${received}</div>
    </div>
  </section>
  <p class="doc-foot">材料在途期间由携带人负责保管。接收方清点无误后签字，并在系统中签收（扫描右上角二维码或在台帐中确认）；如有缺失，请在备注中注明并联系交出方。</p>`;
  return a4Page(`交接单 ${h.batchNo}`, body);
}
