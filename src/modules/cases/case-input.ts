import { AppError, type FieldProblem } from '../../domain/errors.js';
import { isValidCreditCode, isValidMobile, validateResidentId } from '../../domain/identity.js';
import type { IntakeBody } from '#contract/cases.js';

/** An intake as the service takes it: the window's body, or the one the online hall builds. */
export type IntakeInput = IntakeBody;

const ID_REASONS: Record<string, string> = {
  format: '身份证号码应为18位 / must be 18 characters',
  region: '地区码无效 / invalid region code',
  'birth-date': '出生日期无效 / invalid birth date',
  'check-digit': '校验码错误 / wrong check digit',
};

export function idNumberProblem(field: string, id: string, today: string): FieldProblem | undefined {
  const reason = validateResidentId(id, today);
  return reason ? { field, message: ID_REASONS[reason] ?? 'invalid' } : undefined;
}

/** GB 11643 for ID numbers, GB 32100 for credit codes, mainland mobiles: the same rules the web form uses. */
export function checkIntakeIdentity(input: IntakeInput, today: string): void {
  const problems: FieldProblem[] = [];
  const a = input.applicant;
  if (a.kind === 'person') {
    if (!a.idNumber) problems.push({ field: 'applicant.idNumber', message: '个人申请须填写身份证号码 / required for a person' });
    else {
      const p = idNumberProblem('applicant.idNumber', a.idNumber, today);
      if (p) problems.push(p);
    }
  } else if (!a.creditCode) {
    problems.push({ field: 'applicant.creditCode', message: '单位申请须填写统一社会信用代码 / required for an organization' });
  }
  if (a.creditCode && !isValidCreditCode(a.creditCode)) problems.push({ field: 'applicant.creditCode', message: '统一社会信用代码校验失败 / invalid unified social credit code' });
  if (!isValidMobile(a.phone)) problems.push({ field: 'applicant.phone', message: '手机号码无效 / invalid mobile number' });
  if (input.agent) {
    const p = idNumberProblem('agent.idNumber', input.agent.idNumber, today);
    if (p) problems.push(p);
    if (!isValidMobile(input.agent.phone)) problems.push({ field: 'agent.phone', message: '手机号码无效 / invalid mobile number' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', `Invalid ${problems[0]!.field}: ${problems[0]!.message}`, problems);
}
