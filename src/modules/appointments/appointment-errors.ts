import { AppError } from '../../domain/errors.js';

export const notFoundBooking = () => new AppError('NOT_FOUND', '未找到该预约，请核对预约号和手机号码 / No booking matches this code and mobile number');
export const slotFull = () => new AppError('SLOT_FULL', '该时段已约满，请选择其他时段 / This slot is fully booked; choose another one');
export const slotUnavailable = () => new AppError('SLOT_UNAVAILABLE', '该时段不可预约（已开始、已关闭或非工作日） / This slot cannot be booked (started, closed or not a working day)');
export const alreadyBooked = (date?: string) => new AppError('ALREADY_BOOKED',
  `该手机号在${date ?? '当天'}已有此类业务的预约，每人每天每类业务限约一次 / This mobile number already has a booking for this service on ${date ?? 'that day'}`);
export const tooLate = () => new AppError('TOO_LATE', '预约时段已开始，不能再改约或取消 / The slot has started; the booking can no longer be changed or cancelled');
export const notActive = (status: string) => new AppError('INVALID_TRANSITION',
  status === 'cancelled' ? '该预约已取消 / The booking is cancelled' : '该预约已签到 / The booking is already checked in');

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const { code, constraint: name, cause } = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === '23505' && (name === undefined || name === constraint)) return true;
    e = cause;
  }
  return false;
}
