import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { AppError } from '../../domain/errors.js';
import { STATUS_LABELS, type CaseStatus } from '../../domain/case-workflow.js';
import { maskName, maskPhone } from '../../domain/identity.js';
import { cancelByLink, publicProgress } from '../cases/cases.service.js';
import { requestCaseDeps } from '../cases/cases.routes.js';
import { guessing } from './guess-throttle.js';
import { PublicProgress } from '#contract/progress.js';
import { ActionAnswer } from '#contract/cases.js';

const NEXT_STEP: Partial<Record<CaseStatus, string>> = {
  supplement: '请按补正告知书一次性补齐材料后到窗口提交',
  received: '材料已收件，等待部门受理',
  accepted: '部门审查中',
  reviewed: '审核通过，等待审批决定',
  paused: '特别程序进行中，办理时限暂停计算',
  reported: '已报上级机关审查',
  approved: '已作出决定，等待办结',
  completed: '已办结，请凭身份证件到统一出件窗口领取',
  refused: '已作出不予许可决定，请到窗口领取决定书',
};

/** Public names of the steps; an action not listed is named by the status it led to. */
const STEP_NAMES: Partial<Record<string, string>> = {
  submit: '网上提交申请',
  receive: '窗口收件',
  'prereview-accept': '网上预审通过并收件',
  'prereview-return': '网上预审退回修改',
  resubmit: '重新提交',
  accept: '受理',
  'not-accept': '不予受理',
  'request-supplement': '一次性告知补正',
  resupply: '补正材料已收',
  'review-pass': '审核通过',
  'task-pass': '本部门审批通过',
  'task-refuse': '本部门审批不通过',
  approve: '审批通过',
  refuse: '不予许可',
  pause: '启动特别程序',
  resume: '恢复计时',
  'report-up': '上报上级机关',
  'report-back': '上级机关已答复',
  complete: '办结',
  deliver: '出件',
  return: '退回',
  withdraw: '撤回',
  cancel: '撤销',
};

/** Who acted, as the public may read it: a department or a role, never a person. */
const ROLE_UNITS: Record<string, string> = { desk: '综合受理窗口', applicant: '申请人', system: '系统' };

export function progressRoutes(app: Api, ctx: AppContext): void {
  const depsFor = requestCaseDeps(ctx);
  const notFound = () => new AppError('NOT_FOUND', '未找到该办件，请核对办件编号和手机号码 / No case matches this number and phone');

  app.get('/public/progress', {
    schema: {
      tags: ['public'],
      summary: 'Progress of a case by case number and the applicant\'s phone (no login). Unknown number, bad check character and wrong phone answer alike.',
      querystring: Type.Object({ caseNo: Type.String({ maxLength: 30 }), phone: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
      response: { 200: PublicProgress, ...errors(400, 404, 429) },
    },
  }, async (request, reply) => {
    const { c, tasks, dept, clock } = await guessing(ctx, 'case', request, reply, async () => {
      const found = await publicProgress(depsFor(request), request.query.caseNo, request.query.phone.trim());
      if (!found) throw notFound();
      return found;
    });
    return {
      caseNo: c.caseNo,
      item: c.itemName,
      department: dept.name,
      applicant: maskName(c.applicantName),
      phone: maskPhone(c.applicantPhone),
      status: c.status,
      statusLabel: STATUS_LABELS[c.status as CaseStatus]?.zh ?? c.status,
      receivedAt: c.receivedAt.toISOString(),
      acceptedAt: c.acceptedAt?.toISOString() ?? null,
      dueDate: clock.dueDate,
      provisional: clock.provisional,
      daysLeft: clock.daysLeft,
      pausedDays: clock.pausedDays,
      paused: !clock.running && clock.daysLeft !== null,
      warning: clock.warning,
      timeliness: clock.timeliness,
      stages: tasks.map(({ task, departmentName }) => ({ stage: task.stage, name: task.stageName, department: departmentName, status: task.status, dueDate: task.dueDate })),
      missingMaterials: c.status === 'supplement' ? c.materials.filter((m) => m.required && !m.provided).map((m) => m.name) : [],
      nextStep: NEXT_STEP[c.status as CaseStatus] ?? '办理已结束',
      completedAt: c.completedAt?.toISOString() ?? null,
      deliveredAt: c.deliveredAt?.toISOString() ?? null,
      steps: (c.steps ?? []).map((e) => ({
        at: new Date(e.at).toISOString(),
        action: e.action,
        name: STEP_NAMES[e.action] ?? STATUS_LABELS[e.status as CaseStatus]?.zh ?? e.action,
        status: e.status,
        department: e.role === 'approver' ? e.department ?? dept.name : ROLE_UNITS[e.role] ?? dept.name,
      })),
    };
  });

  app.post('/public/cases/:caseNo/cancel', {
    schema: {
      tags: ['public'],
      summary: 'The applicant cancels within 30 minutes of acceptance, with the token from the SMS link',
      params: Type.Object({ caseNo: Type.String({ maxLength: 30 }) }),
      body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
      response: { 200: ActionAnswer, ...errors(400, 403, 404, 409, 429) },
    },
  }, async (request, reply) => guessing(ctx, 'case', request, reply, () => cancelByLink(depsFor(request), request.params.caseNo, request.body.token, request.ip)));
}
