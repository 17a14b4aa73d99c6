/**
 * Intake carries an Idempotency-Key, so that a double press or a retry after a lost answer returns
 * the same case instead of creating a second one.
 */
import { api } from '../../shared/api';
import type { IntakeAnswer, IntakeBody } from '#contract/cases.js';

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return `desk-${crypto.randomUUID()}`;
  return `desk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function postIntake(body: IntakeBody, key: string): Promise<IntakeAnswer> {
  return api.post<IntakeAnswer>('/api/cases', body, { 'idempotency-key': key });
}
