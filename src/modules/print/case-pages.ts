import { STATUS_LABELS, type CaseStatus } from '../../domain/case-workflow.js';
import type { CaseRow } from '../cases/cases.repository.js';
import { a4Page, esc } from './html.js';

export interface CasePaper {
  c: CaseRow;
  centerName: string;
  departmentName: string;
  /** Masked or full, as the viewer may see. */
  idNumber: string;
  phone: string;
  qr: string;
  progressUrl: string;
}

function zhDateTime(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 4)}年${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日 ${local.slice(11, 16)}`;
}

function header(title: string, p: CasePaper): string {
  return `<div class="head"><div style="flex:1"><h1>${esc(p.centerName)}<br>${esc(title)}</h1>
    <div class="sub">办件编号 <b style="font-size:14pt">${esc(p.c.caseNo)}</b></div></div>
    <div class="qr">${p.qr}<div>扫码查询办理进度</div></div></div>
  <table>
    <tr><th>申请事项</th><td>${esc(p.c.itemName)}（${esc(p.c.itemCode)}）</td><th>承办部门</th><td>${esc(p.departmentName)}</td></tr>
    <tr><th>申请人</th><td>${esc(p.c.applicantName)}</td><th>证件号码</th><td>${esc(p.idNumber || p.c.applicantCreditCode || '')}</td></tr>
    <tr><th>联系电话</th><td>${esc(p.phone)}</td><th>收件时间</th><td>${zhDateTime(p.c.receivedAt)}</td></tr>
    ${p.c.agent ? `<tr><th>代办人</th><td colspan="3">${esc(p.c.agent.name)}（${esc(p.c.agent.relation)}）</td></tr>` : ''}
  </table>`;
}

function materialRows(p: CasePaper, filter: (m: CaseRow['materials'][number]) => boolean): string {
  return p.c.materials.filter(filter).map((m, i) => `<tr><td>${i + 1}</td><td>${esc(m.name)}</td><td>${m.required ? '必需' : '视情形'}</td><td>${m.provided ? '已收' : '未提交'}</td><td>${esc(m.note ?? '')}</td></tr>`).join('');
}

const signature = (p: CasePaper) => `<div class="sign"><span>窗口经办人：__________</span><span>${esc(p.centerName)}（盖章）</span><span>${zhDateTime(p.c.receivedAt).slice(0, 11)}</span></div>`;

/** 收件回执: what was received, and how to follow the case. */
export function receiptPage(p: CasePaper): string {
  const body = `${header('收件回执', p)}
  <h3>已收材料</h3>
  <table class="list"><thead><tr><th>序号</th><th>材料名称</th><th>要求</th><th>状态</th><th>备注</th></tr></thead><tbody>${materialRows(p, () => true)}</tbody></table>
  <p>当前状态：${esc(STATUS_LABELS[p.c.status as CaseStatus]?.zh ?? p.c.status)}。${p.c.dueDate ? `承诺办结日期：${esc(p.c.dueDate)}。` : '部门受理后将短信告知承诺办结日期。'}</p>
  <p>请妥善保管本回执。可凭办件编号和手机号码在网上办事大厅或扫描二维码查询办理进度：${esc(p.progressUrl)}</p>
  ${signature(p)}`;
  return a4Page(`收件回执 ${p.c.caseNo}`, body);
}

/** 补正告知书: every missing material, at once. */
export function supplementPage(p: CasePaper): string {
  const rows = materialRows(p, (m) => m.required && !m.provided);
  const body = `${header('补正材料告知书', p)}
  <p>您申请的“${esc(p.c.itemName)}”事项，经审查，申请材料不齐全或者不符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，现一次性告知您需要补正的全部材料如下：</p>
  <table class="list"><thead><tr><th>序号</th><th>材料名称</th><th>要求</th><th>状态</th><th>备注</th></tr></thead><tbody>${rows}</tbody></table>
  ${p.c.pause?.reason && p.c.pause.reason !== '材料不全' ? `<p>补正说明：${esc(p.c.pause.reason)}</p>` : ''}
  <p>请补齐上述材料后凭本告知书到窗口提交。补正期间，办理时限暂停计算。</p>
  ${signature(p)}`;
  return a4Page(`补正材料告知书 ${p.c.caseNo}`, body);
}

/** 不予受理告知书, with the reason and the applicant's remedies. */
export function notAcceptedPage(p: CasePaper): string {
  const body = `${header('不予受理告知书', p)}
  <p>您申请的“${esc(p.c.itemName)}”事项，经审查，决定不予受理。</p>
  <p><b>理由：</b>${esc(p.c.closedReason ?? '')}</p>
  <p>如对本决定不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。</p>
  ${signature(p)}`;
  return a4Page(`不予受理告知书 ${p.c.caseNo}`, body);
}

/** The page behind the SMS cancel link: one button, posting the token. */
export function cancelPage(caseNo: string, token: string): string {
  const body = `<h1>撤销办件申请</h1>
  <p>办件编号：<b>${esc(caseNo)}</b></p>
  <p>受理后30分钟内，您可以撤销本次申请。撤销后如需办理，须重新申请。</p>
  <p><button id="cancel" style="font-size:16pt;padding:8px 24px">确认撤销</button></p>
  <p id="result"></p>
  <script>
  document.getElementById('cancel').onclick = async () => {
    const res = await fetch('/api/public/cases/' + encodeURIComponent(${JSON.stringify(caseNo)}) + '/cancel', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ${JSON.stringify(token)} }) });
    const body = await res.json();
    document.getElementById('result').textContent = res.ok ? '已撤销。' : (body.message || '撤销失败');
  };
  </script>`;
  return a4Page('撤销办件申请', body.replace(/<\/script>/g, '</script>'));
}
