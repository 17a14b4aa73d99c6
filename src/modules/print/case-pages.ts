import { STATUS_LABELS, type CaseStatus } from '../../domain/case-workflow.js';
import { landingPage } from './landing.js';
import { maskIdNumber } from '../../domain/identity.js';
import type { ClockView } from '../cases/case-clock-view.js';
import type { CaseRow } from '../cases/cases.repository.js';
import { esc, printPage, zhDate, zhDateOf, zhDateTime, type Layout } from './html.js';
import { pageScript } from '../../http/page-scripts.js';
import { docFoot, docHead, infoBlock, signArea, text, type InfoRow } from './paper-frame.js';

export const CASE_PAPERS = ['receipt', 'acceptance', 'supplement', 'not-accepted', 'pickup'] as const;
export type CasePaperName = (typeof CASE_PAPERS)[number];

/** Papers that also come as an 80 mm slip: the ones handed over the counter. */
export const SLIP_PAPERS: readonly CasePaperName[] = ['receipt', 'pickup'];

export interface CasePaper {
  c: CaseRow;
  layout: Layout;
  centerName: string;
  /** The center's IANA zone: every date on the paper is its local date. */
  timeZone: string;
  departmentName: string;
  /** The item version the case was taken under (its result, limits, place and phone). */
  item: { category: string; statutoryDays: number; resultName: string; location: string; phone: string } | null;
  /** Joint cases: the departments of each stage. */
  stages: { stage: number; name: string; departments: string[] }[];
  /** Masked or full, as the viewer may see. */
  idNumber: string;
  phone: string;
  /** The same clock the case page and the public progress page show. */
  clock: ClockView;
  qr: string;
  progressUrl: string;
  printedAt: Date;
}

const KIND: Record<string, string> = { immediate: '即办件', promised: '承诺件', joint: '联办件' };
const DELIVERY: Record<string, string> = { window: '窗口领取', post: '邮寄送达' };

interface Delivery { method?: string; pickupName?: string; pickupIdNumber?: string; trackingNo?: string }

/**
 * Which state a paper needs; undefined when it may be printed now. The acceptance notice exists
 * once the department accepted (a cancellation undoes the acceptance); the pickup paper once the
 * result is there: before delivery as a 取件通知 (what to bring), after it as the 出件单 the
 * person who took the result signs.
 */
export function notYet(paper: CasePaperName, c: Pick<CaseRow, 'status' | 'acceptedAt'>): string | undefined {
  if (paper === 'acceptance') {
    if (c.status === 'cancelled') return '申请已撤销，不出具受理通知书 / The application was cancelled: no acceptance notice';
    if (!c.acceptedAt) return `办件尚未受理（当前状态：${statusLabel(c.status)}），不能打印受理通知书 / The case has not been accepted yet`;
  }
  if (paper === 'pickup' && !['completed', 'refused', 'delivered'].includes(c.status)) {
    return `办件尚未办结（当前状态：${statusLabel(c.status)}），不能打印出件单 / The case has no result to pick up yet`;
  }
  return undefined;
}

function statusLabel(status: string): string {
  return STATUS_LABELS[status as CaseStatus]?.zh ?? status;
}

function limit(days: number): string {
  return days === 0 ? '即办' : `${days}个工作日`;
}

/** How official letters address the applicant: 你 (a person) or 你单位 (an organization). */
const you = (p: CasePaper) => (p.c.applicantKind === 'organization' ? '你单位' : '你');

const isLicence = (p: CasePaper) => (p.item?.category ?? '行政许可') === '行政许可';

function decisionLabel(p: CasePaper): string {
  switch (p.c.decision) {
    case 'approved': return isLicence(p) ? '准予许可' : '准予办理';
    case 'deemed': return '视为准予（超时默许）';
    case 'refused': return isLicence(p) ? '不予许可' : '不予办理';
    default: return '—';
  }
}

function resultName(p: CasePaper): string {
  if (p.c.decision === 'refused') return isLicence(p) ? '不予行政许可决定书' : '不予办理决定书';
  return p.item?.resultName || '办理结果';
}

/** 承诺办结日期 as every screen shows it, marked when next year's holidays are not announced yet. */
function dueText(p: CasePaper): string {
  const { dueDate, provisional, pausedDays } = p.clock;
  if (!dueDate) return '受理后确定';
  const notes = [
    pausedDays > 0 ? `已顺延暂停计时的${pausedDays}个工作日` : '',
    provisional ? `暂定：${dueDate.slice(0, 4)}年节假日安排尚未公布，如有调整将另行告知` : '',
  ].filter(Boolean);
  return `<b>${zhDateOf(dueDate)}</b>${notes.length ? `<span class="provisional">（${notes.join('；')}）</span>` : ''}`;
}

function applicantRows(p: CasePaper): InfoRow[] {
  const c = p.c;
  return [
    text('申请事项', `${c.itemName}（${c.itemCode}）`, true),
    text('承办部门', p.departmentName),
    text('办件类型', KIND[c.kind] ?? c.kind),
    text('申请人', c.applicantName),
    c.applicantKind === 'organization' ? text('信用代码', c.applicantCreditCode ?? '') : text('证件号码', p.idNumber),
    text('联系电话', p.phone),
    text('收件时间', zhDateTime(c.receivedAt, p.timeZone)),
    ...(c.agent ? [text('代办人', `${c.agent.name}（${c.agent.relation}）`)] : []),
  ];
}

function progressFoot(p: CasePaper, extra: string[] = []): string {
  return docFoot([
    ...extra,
    `查询办理进度：扫描二维码或访问 ${esc(p.progressUrl)}，凭办件编号和申请时预留的手机号码查询。`,
    `打印时间：${zhDateTime(p.printedAt, p.timeZone)}`,
  ]);
}

function head(p: CasePaper, title: string, subtitle?: string): string {
  return docHead({ centerName: p.centerName, title, subtitle, caseNo: p.c.caseNo, qr: p.qr, layout: p.layout });
}

function page(p: CasePaper, title: string, body: string, self?: string): string {
  const links = self
    ? [{ href: `/print/cases/${encodeURIComponent(p.c.caseNo)}/${self}`, label: 'A4' }, { href: `/print/cases/${encodeURIComponent(p.c.caseNo)}/${self}?layout=slip`, label: '80mm 小票' }]
    : [];
  return printPage({ title: `${title} ${p.c.caseNo}`, body, layout: p.layout, links });
}

type Material = CaseRow['materials'][number];

function materialTable(list: Material[]): string {
  const rows = list.map((m, i) => `<tr><td class="num">${i + 1}</td><td>${esc(m.name)}</td><td class="num">${m.required ? '必需' : '视情形'}</td><td class="num">${m.provided ? '已收' : '未提交'}</td><td>${esc(m.note ?? '')}</td></tr>`).join('');
  return `<table class="fixed list"><colgroup><col style="width:13mm"><col><col style="width:18mm"><col style="width:17mm"><col style="width:34mm"></colgroup>
    <thead><tr><th class="num">序号</th><th>材料名称</th><th class="num">要求</th><th class="num">状态</th><th>备注</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="5">无</td></tr>'}</tbody></table>`;
}

function materialLines(list: Material[]): string {
  return `<div class="rows">${list.map((m, i) => `<div><span>${i + 1}. ${m.provided ? '已收' : '未交'}</span><span>${esc(m.name)}${m.note ? `（${esc(m.note)}）` : ''}</span></div>`).join('') || '<div>无</div>'}</div>`;
}

// ─── 收件回执 ───

/** 收件回执: what was received, and how to follow the case. */
export function receiptPage(p: CasePaper): string {
  const c = p.c;
  const limitLine = `承诺时限：${limit(c.promisedDays)}${c.promisedDays ? '（自受理之日起计算，补正、特别程序时间不计算在内）' : ''}。`;
  const dueLine = p.clock.dueDate ? `承诺办结日期：${dueText(p)}。` : '部门受理后将以短信告知受理结果和承诺办结日期。';
  const sign = signArea({ lines: ['窗口收件人（签字）', '申请人（签字）'], org: p.centerName, sealLabel: '收件专用章', date: zhDate(c.receivedAt, p.timeZone) });
  if (p.layout === 'slip') {
    const body = `${head(p, '收件回执')}
    ${infoBlock([text('事项', c.itemName), text('部门', p.departmentName), text('申请人', c.applicantName),
      c.applicantKind === 'organization' ? text('信用代码', c.applicantCreditCode ?? '') : text('证件号码', p.idNumber),
      text('电话', p.phone), text('收件时间', zhDateTime(c.receivedAt, p.timeZone)), text('状态', statusLabel(c.status))], 'slip')}
    <div><b>已收材料</b></div>${materialLines(c.materials)}
    <p>${limitLine}${dueLine}</p>
    <p>请妥善保管本回执，领取办理结果时出示。</p>
    ${sign}${progressFoot(p)}`;
    return page(p, '收件回执', body, 'receipt');
  }
  const body = `${head(p, '收件回执')}
  ${infoBlock(applicantRows(p), 'a4')}
  <h3>已收材料</h3>
  ${materialTable(c.materials)}
  <p>当前状态：${esc(statusLabel(c.status))}。${limitLine}${dueLine}</p>
  <p>请妥善保管本回执，领取办理结果时请出示。办理过程中的受理、补正、办结均以短信告知。</p>
  ${sign}${progressFoot(p)}`;
  return page(p, '收件回执', body, 'receipt');
}

// ─── 受理通知书 ───

/** 受理通知书, in the department's name: accepted when, decided by when, followed how, picked up where. */
export function acceptancePage(p: CasePaper): string {
  const c = p.c;
  const acceptedOn = c.acceptedAt ? zhDate(c.acceptedAt, p.timeZone) : '';
  const statutory = p.item && p.item.statutoryDays > 0 ? `（法定时限${p.item.statutoryDays}个工作日）` : '';
  const legal = isLicence(p)
    ? `经审查，该申请事项属于本机关职权范围，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。`
    : '经审查，申请材料齐全、符合法定形式，决定予以受理。';
  const decideBy = isLicence(p)
    ? `根据《中华人民共和国行政许可法》第四十二条、第四十五条的规定，本机关将在承诺时限内作出决定；依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在期限内，届时将另行书面告知。`
    : '本机关将在承诺时限内办结；补正材料及依法需要的特别程序所需时间不计算在期限内，届时将另行告知。';
  const stages = p.stages.length
    ? [{ label: '联办部门', html: p.stages.map((s) => `第${s.stage}阶段 ${esc(s.name)}：${s.departments.map(esc).join('、')}`).join('<br>'), wide: true }]
    : [];
  const rows: InfoRow[] = [
    text('申请事项', `${c.itemName}（${c.itemCode}）`, true),
    text('申请人', c.applicantName),
    c.applicantKind === 'organization' ? text('信用代码', c.applicantCreditCode ?? '') : text('证件号码', p.idNumber),
    text('受理日期', acceptedOn),
    text('承办部门', p.departmentName),
    { label: '承诺时限', html: esc(limit(c.promisedDays) + statutory), wide: true },
    { label: '承诺办结日期', html: dueText(p), wide: true },
    ...stages,
    { label: '进度查询', wide: true, html: `扫描右上角二维码，或登录网上办事大厅 ${esc(p.progressUrl)}，凭办件编号和手机号码（${esc(p.phone)}）查询办理进度；补正、暂停、办结等节点均以短信告知。` },
    { label: '结果领取', wide: true, html: `办结后短信通知。请凭本通知书和申请人身份证件到${esc(p.centerName)}统一出件窗口领取“${esc(resultName(p))}”，也可在窗口申请邮寄送达。${p.item?.location ? `地点：${esc(p.item.location)}。` : ''}` },
    ...(p.item?.phone ? [text('咨询电话', p.item.phone, true)] : []),
  ];
  const body = `${head(p, '受理通知书')}
  <p class="addressee">${esc(c.applicantName)}：</p>
  <p class="indent">${you(p)}于${zhDate(c.receivedAt, p.timeZone)}提出的“${esc(c.itemName)}”申请（办件编号：${esc(c.caseNo)}），${legal}</p>
  <p class="indent">${decideBy}</p>
  ${infoBlock(rows, 'a4')}
  <p class="indent">受理后30分钟内，可通过受理短信中的链接撤销申请。</p>
  ${signArea({ lines: ['经办人（签字）'], org: p.departmentName, sealLabel: '受理专用章', date: acceptedOn })}
  ${progressFoot(p)}`;
  return page(p, '受理通知书', body);
}

// ─── 补正材料告知书 ───

/** 补正告知书: every missing material, at once. */
export function supplementPage(p: CasePaper): string {
  const c = p.c;
  const missing = c.materials.filter((m) => m.required && !m.provided);
  const issued = c.status === 'supplement' && c.pause ? zhDateOf(c.pause.since) : zhDate(p.printedAt, p.timeZone);
  const body = `${head(p, '补正材料告知书')}
  <p class="addressee">${esc(c.applicantName)}：</p>
  <p class="indent">${you(p)}于${zhDate(c.receivedAt, p.timeZone)}提出的“${esc(c.itemName)}”申请，经审查，申请材料不齐全或者不符合法定形式，${isLicence(p) ? '根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，' : ''}现一次性告知需要补正的全部材料如下：</p>
  ${materialTable(missing)}
  ${c.pause?.reason && c.pause.reason !== '材料不全' ? `<p>补正说明：${esc(c.pause.reason)}</p>` : ''}
  <p class="indent">请补齐上述材料后凭本告知书到窗口提交。补正期间，办理时限暂停计算；补齐后继续计算。</p>
  ${infoBlock(applicantRows(p), 'a4')}
  ${signArea({ lines: ['窗口经办人（签字）'], org: p.centerName, date: issued })}
  ${progressFoot(p)}`;
  return page(p, '补正材料告知书', body);
}

// ─── 不予受理告知书 ───

/** 不予受理告知书, with the reason and the applicant's remedies. */
export function notAcceptedPage(p: CasePaper): string {
  const c = p.c;
  // The decision is the case's last change: nothing follows 不予受理.
  const issued = c.status === 'not_accepted' ? zhDate(c.updatedAt, p.timeZone) : zhDate(p.printedAt, p.timeZone);
  const body = `${head(p, '不予受理告知书')}
  <p class="addressee">${esc(c.applicantName)}：</p>
  <p class="indent">${you(p)}于${zhDate(c.receivedAt, p.timeZone)}提出的“${esc(c.itemName)}”申请，经审查，${isLicence(p) ? '根据《中华人民共和国行政许可法》第三十二条第一款的规定，' : ''}决定不予受理。</p>
  <p class="indent"><b>理由：</b>${esc(c.closedReason ?? '')}</p>
  <p class="indent">如对本决定不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。</p>
  ${infoBlock(applicantRows(p), 'a4')}
  ${signArea({ lines: ['经办人（签字）'], org: p.departmentName, date: issued })}
  ${progressFoot(p)}`;
  return page(p, '不予受理告知书', body);
}

// ─── 出件单 / 取件通知单 ───

/**
 * After delivery: the 出件单 (领取凭证) with who took the result and the signatures. Before it
 * (completed or refused): the 取件通知单, telling what to bring, with blanks the pickup person
 * fills in at the window. The pickup person's ID number is always masked: the paper is filed
 * and copied, like the case record that masks it.
 */
export function pickupPage(p: CasePaper): string {
  const c = p.c;
  const slip = p.layout === 'slip';
  const delivered = c.status === 'delivered';
  const d = (c.delivery ?? {}) as Delivery;
  const post = delivered && d.method === 'post';
  const result: InfoRow[] = [
    text('办理结果', decisionLabel(p)),
    text('结果名称', resultName(p)),
    text('结果文号', c.resultNo ?? '—'),
    text('办结日期', c.completedAt ? zhDate(c.completedAt, p.timeZone) : '—'),
  ];
  const who: InfoRow[] = [
    text(slip ? '事项' : '申请事项', `${c.itemName}${slip ? '' : `（${c.itemCode}）`}`, true),
    text('申请人', c.applicantName),
    ...(slip ? [] : [c.applicantKind === 'organization' ? text('信用代码', c.applicantCreditCode ?? '') : text('证件号码', p.idNumber)]),
    text('承办部门', p.departmentName),
  ];
  if (delivered) {
    const handover: InfoRow[] = [
      text('出件方式', DELIVERY[d.method ?? ''] ?? d.method ?? ''),
      text('出件时间', c.deliveredAt ? zhDateTime(c.deliveredAt, p.timeZone) : ''),
      ...(post
        ? [text('运单号', d.trackingNo ?? '', true)]
        : [text('领取人', d.pickupName ?? ''), text('证件号码', d.pickupIdNumber ? maskIdNumber(d.pickupIdNumber) : '')]),
    ];
    const statement = post
      ? `办理结果已通过邮政寄递送达，运单号 ${esc(d.trackingNo ?? '')}，签收以寄递签收记录为准。`
      : '本人已核对并领取上述办理结果，确认无误。';
    const sign = signArea({
      lines: post ? ['寄递经办人（签字）'] : ['领取人签字', '出件经办人（签字）'],
      org: p.centerName, sealLabel: '出件专用章', date: c.deliveredAt ? zhDate(c.deliveredAt, p.timeZone) : '',
    });
    const body = `${head(p, '出件单', '（办理结果领取凭证）')}
    ${infoBlock([...who, ...result, ...handover], p.layout)}
    <p${slip ? '' : ' class="indent"'}>${statement}</p>
    ${sign}${progressFoot(p)}`;
    return page(p, '出件单', body, 'pickup');
  }
  const bring = '请携带本通知单及申请人身份证件（委托他人领取的，另带授权委托书及受托人身份证件）';
  const where = `到${esc(p.centerName)}统一出件窗口领取${p.item?.location ? `（${esc(p.item.location)}）` : ''}`;
  const fill = slip
    ? ''
    : `<table class="fixed info fill"><colgroup><col style="width:28mm"><col><col style="width:28mm"><col></colgroup>
      <tr><th>领取人</th><td></td><th>证件号码</th><td></td></tr><tr><th>联系电话</th><td></td><th>领取时间</th><td>　　年　　月　　日</td></tr></table>`;
  const body = `${head(p, '取件通知单')}
  ${slip ? '' : `<p class="addressee">${esc(c.applicantName)}：</p>`}
  <p${slip ? '' : ' class="indent"'}>${you(p)}申请的“${esc(c.itemName)}”已于${c.completedAt ? zhDate(c.completedAt, p.timeZone) : ''}办结，办理结果可以领取。${bring}，${where}。</p>
  ${infoBlock([...who, ...result], p.layout)}
  ${fill}
  ${signArea({ lines: ['领取人签字', '出件经办人（签字）'], org: p.centerName, sealLabel: '出件专用章', date: c.completedAt ? zhDate(c.completedAt, p.timeZone) : '' })}
  ${progressFoot(p)}`;
  return page(p, '取件通知单', body, 'pickup');
}

export const RENDER: Record<CasePaperName, (p: CasePaper) => string> = {
  receipt: receiptPage,
  acceptance: acceptancePage,
  supplement: supplementPage,
  'not-accepted': notAcceptedPage,
  pickup: pickupPage,
};

/** The page behind the SMS cancel link: one button, posting the token (src/http/page-scripts.ts cancel.js). */
export function cancelPage(caseNo: string, token: string, centerName: string): string {
  const body = `<h1>撤销办件申请</h1>
  <p>办件编号：<span class="lp-case">${esc(caseNo)}</span></p>
  <p class="lp-muted">受理后30分钟内，您可以撤销本次申请。撤销后如需办理，须重新申请。</p>
  <p><button id="cancel" class="lp-danger" data-case-no="${esc(caseNo)}" data-token="${esc(token)}">确认撤销</button></p>
  <p id="result" role="status"></p>
  ${pageScript('cancel.js')}`;
  return landingPage({ title: '撤销办件申请', centerName, body });
}
