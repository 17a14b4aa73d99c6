export const SMS_TEMPLATES = [
  'received', 'supplement', 'accepted', 'paused', 'resumed', 'completed',
  'delivered', 'refused', 'not-accepted', 'cancelled', 'withdrawn', 'returned',
  'prereview-accepted', 'prereview-returned', 'due-moved',
] as const;

export type SmsTemplate = typeof SMS_TEMPLATES[number];

export interface SmsParams {
  caseNo: string;
  itemName: string;
  /** YYYY-MM-DD */
  dueDate?: string;
  materials?: string[];
  reason?: string;
  cancelUrl?: string;
  resultNo?: string;
  centerName: string;
  pickup?: string;
  progressUrl?: string;
  /** Link to rate the case (好差评), /r/{caseNo}?t=<secret>: only in the delivery SMS (one rating request per case). */
  rateUrl?: string;
}

/** 2026-11-30 → 2026年11月30日, the way official notices write dates. */
function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Line breaks would split the text on some handsets and a trailing full stop would double ours. */
function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/[。.]+$/, '');
}

/** A link is put last or before a space: handsets would otherwise glue the next Chinese characters onto it. */
function progress(p: SmsParams): string {
  return p.progressUrl ? `查询进度：${p.progressUrl}` : '可凭办件编号查询办理进度。';
}

/**
 * The text of each message to an applicant. Every text names the sending center (the bracketed
 * signature carriers require), the item and the case number, so the applicant can quote it at the
 * window or on the phone.
 */
export function renderSms(template: SmsTemplate, p: SmsParams): string {
  const head = `【${clean(p.centerName)}】`;
  const item = `“${clean(p.itemName)}”`;
  const no = `办件编号${p.caseNo}`;
  const reason = p.reason ? clean(p.reason) : undefined;
  const due = p.dueDate ? `承诺办结日期${chineseDate(p.dueDate)}` : undefined;

  switch (template) {
    case 'received':
      return `${head}您申请的${item}材料已收件，${no}。${progress(p)}`;
    case 'supplement': {
      const list = (p.materials ?? []).map((m, i) => `${i + 1}.${clean(m)}`).join('；');
      return `${head}您申请的${item}（${no}）需补正材料${list ? `：${list}` : ''}。` +
        `${reason ? `说明：${reason}。` : ''}请一次性补齐，补正期间办理时限暂停计算。`;
    }
    case 'accepted':
      return `${head}您申请的${item}已受理，${no}${due ? `，${due}` : ''}。` +
        (p.cancelUrl ? `如需撤销，请于30分钟内点击 ${p.cancelUrl}` : progress(p));
    case 'paused':
      return `${head}您申请的${item}（${no}）${reason ? `因${reason}` : ''}暂停计时，恢复办理时将另行通知。`;
    case 'resumed':
      return `${head}您申请的${item}（${no}）已恢复办理${due ? `，${due}` : ''}。`;
    case 'completed':
      return `${head}您申请的${item}已办结，${no}${p.resultNo ? `，证照编号${clean(p.resultNo)}` : ''}。` +
        (p.pickup ? `请${clean(p.pickup)}。` : '请携带有效身份证件到出件窗口领取。');
    case 'delivered':
      // The one SMS that asks for a rating (each case asks once): a completed case always goes on to
      // 出件 (complete → deliver is the only way on), and so does a refused one; by then the applicant
      // has the result in hand and can judge the whole service. Kept last: a link followed by Chinese
      // text gets mangled on some handsets.
      return `${head}您申请的${item}（${no}）办理结果已送达，欢迎对本次服务作出评价。` +
        // The rating page itself when known; the progress page (which offers nothing to rate) otherwise.
        ((p.rateUrl ?? p.progressUrl) ? `评价：${p.rateUrl ?? p.progressUrl}` : '');
    case 'refused':
      return `${head}您申请的${item}（${no}）经审查不予许可${reason ? `，理由：${reason}` : ''}。请到窗口领取书面决定。`;
    case 'not-accepted':
      return `${head}您申请的${item}（${no}）不予受理${reason ? `，理由：${reason}` : ''}。请到窗口领取不予受理告知书。`;
    case 'cancelled':
      return `${head}您已撤销${item}的申请，${no}。`;
    case 'withdrawn':
      return `${head}您申请的${item}已撤回，${no}。`;
    case 'returned':
      return `${head}您申请的${item}（${no}）已退回${reason ? `，原因：${reason}` : ''}。如有疑问请咨询窗口。`;
    case 'prereview-accepted':
      return `${head}您网上申请的${item}（${no}）已通过预审并收件，等待部门受理，受理后开始计算办理时限。${progress(p)}`;
    case 'due-moved':
      // The accepted SMS promised a date; a calendar change (local closure, extra opening) moved it.
      return `${head}您申请的${item}（${no}）${reason ? `因${reason}` : '因工作日安排调整'}，${p.dueDate ? `承诺办结日期调整为${chineseDate(p.dueDate)}` : '承诺办结日期已调整'}。${progress(p)}`;
    case 'prereview-returned': {
      const list = (p.materials ?? []).map((m, i) => `${i + 1}.${clean(m)}`).join('；');
      return `${head}您网上申请的${item}（${no}）预审未通过，请修改${list ? `：${list}` : ''}。` +
        `${reason ? `说明：${reason}。` : ''}请登录网上办事大厅修改后重新提交。`;
    }
  }
}

/** The answer to a bad rating (差评整改), with the link where the applicant says whether it satisfied. */
export function renderRatingAnswer(p: { centerName: string; subject: string; answer: string; replyUrl: string }): string {
  return `【${clean(p.centerName)}】您对${clean(p.subject)}的评价已处理：${clean(p.answer)} 是否满意请点击 ${p.replyUrl}`;
}

/** Sign-in code for the online hall; the admin SMS list hides the digits (see sms.routes). */
export const LOGIN_CODE_TEMPLATE = 'login-code';

export function renderLoginCode(centerName: string, code: string, minutes: number): string {
  return `【${clean(centerName)}】您的网上办事大厅登录验证码为${code}，${minutes}分钟内有效。请勿告诉他人，工作人员不会向您索取验证码。`;
}

export const PROXY_CODE_TEMPLATE = 'proxy-code';

/** 短信委托确认: the villager reads the code back to the agent only if they want the agent to apply for them. */
export function renderProxyCode(centerName: string, placeName: string, agentName: string, itemName: string, code: string, minutes: number): string {
  return `【${clean(centerName)}】${clean(placeName)}代办员${clean(agentName)}正为您代办“${clean(itemName)}”。如同意委托，请将确认码${code}告诉代办员，${minutes}分钟内有效；如未委托，请勿告知。`;
}

// ─── The paper ledger (台帐) of the three-level network ───

export const RESULT_AT_PLACE_TEMPLATE = 'result-at-place';

/** A proxy case's result has reached the village room or station the applicant came to. */
export function renderResultAtPlace(centerName: string, itemName: string, caseNo: string, placeName: string): string {
  return `【${clean(centerName)}】您的“${clean(itemName)}”（办件编号${caseNo}）办理结果已送达${clean(placeName)}，请携带身份证到该处领取。`;
}

export const RETURN_CODE_TEMPLATE = 'ledger-return-code';

/** The applicant reads the code back to the clerk who hands them the paper: the proof they received it. */
export function renderReturnCode(centerName: string, placeName: string, itemName: string, caseNo: string, code: string, minutes: number): string {
  return `【${clean(centerName)}】您正在${clean(placeName)}领取“${clean(itemName)}”（办件编号${caseNo}）的材料，签收码${code}，${minutes}分钟内有效。如非本人领取，请勿告知他人。`;
}

// ─── Appointments (预约) ───

export const APPOINTMENT_SMS_TEMPLATES = [
  'appointment-booked', 'appointment-changed', 'appointment-cancelled', 'appointment-reminder',
] as const;

export type AppointmentSmsTemplate = typeof APPOINTMENT_SMS_TEMPLATES[number];

export interface AppointmentSmsParams {
  centerName: string;
  categoryName: string;
  /** The booking code the applicant quotes to change, cancel or check in. */
  code: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  start: string;
  end: string;
  itemName?: string;
  /** Minutes before the start at which check-in opens. */
  checkInBefore?: number;
}

/**
 * Messages about a booking. Each names the center, the service, the time and the booking code: the
 * code and the mobile number are all the applicant needs to change, cancel or check in.
 */
export function renderAppointmentSms(template: AppointmentSmsTemplate, p: AppointmentSmsParams): string {
  const head = `【${clean(p.centerName)}】`;
  const what = `“${clean(p.categoryName)}”${p.itemName ? `（${clean(p.itemName)}）` : ''}`;
  const when = `${chineseDate(p.date)} ${p.start}-${p.end}`;
  const code = `预约号${p.code}`;
  const before = p.checkInBefore ?? 30;
  switch (template) {
    case 'appointment-booked':
      return `${head}您已预约${what}业务，时间${when}，${code}。请在预约时段开始前${before}分钟内到大厅自助终端或窗口签到，` +
        '并携带有效身份证件。如需改约或取消，请凭预约号和手机号办理。';
    case 'appointment-changed':
      return `${head}您的${what}预约已改至${when}，${code}。请按时到大厅签到。`;
    case 'appointment-cancelled':
      return `${head}您${when}的${what}预约已取消，${code}。`;
    case 'appointment-reminder':
      return `${head}温馨提醒：您预约了${when}的${what}业务，${code}。请携带有效身份证件和申请材料，` +
        `在预约时段开始前${before}分钟内到大厅签到。如不能前来，请提前取消。`;
  }
}

/** The daily warning digest to a department head (电子监察): counts only, no personal data. */
export function renderWarningDigest(p: { centerName: string; date: string; newYellow: number; newRed: number; openRed: number }): string {
  return `【${clean(p.centerName)}】${chineseDate(p.date)}办件预警：新增黄牌${p.newYellow}件，新增红牌${p.newRed}件，` +
    `当前超期未办结${p.openRed}件。请登录一窗通查看并督促办理。`;
}
