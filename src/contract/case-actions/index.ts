/**
 * Every case action, each in its own file (./<action>.ts). The order here is the order of
 * CASE_ACTIONS, of `allowedActions` in every answer and of the OpenAPI enum.
 */
import type { CaseActionSpec } from './rule.js';
import { accept } from './accept.js';
import { reviewPass } from './review-pass.js';
import { requestSupplement } from './request-supplement.js';
import { resupply } from './resupply.js';
import { approve } from './approve.js';
import { refuse } from './refuse.js';
import { pause } from './pause.js';
import { resume } from './resume.js';
import { reportUp } from './report-up.js';
import { reportBack } from './report-back.js';
import { returnCase } from './return.js';
import { withdraw } from './withdraw.js';
import { cancel } from './cancel.js';
import { complete } from './complete.js';
import { deliver } from './deliver.js';
import { notAccept } from './not-accept.js';
import { taskPass } from './task-pass.js';
import { taskRefuse } from './task-refuse.js';
import { prereviewAccept } from './prereview-accept.js';
import { prereviewReturn } from './prereview-return.js';
import { resubmit } from './resubmit.js';

export const CASE_ACTION_SPECS = {
  accept,
  'review-pass': reviewPass,
  'request-supplement': requestSupplement,
  resupply,
  approve,
  refuse,
  pause,
  resume,
  'report-up': reportUp,
  'report-back': reportBack,
  return: returnCase,
  withdraw,
  cancel,
  complete,
  deliver,
  'not-accept': notAccept,
  'task-pass': taskPass,
  'task-refuse': taskRefuse,
  'prereview-accept': prereviewAccept,
  'prereview-return': prereviewReturn,
  resubmit,
} satisfies Record<string, CaseActionSpec>;

export type CaseAction = keyof typeof CASE_ACTION_SPECS;
export const CASE_ACTIONS = Object.keys(CASE_ACTION_SPECS) as readonly CaseAction[];

export { PAUSE_KINDS, type PauseKind } from './pause.js';
export type { ActionContext, Actor, CaseActionSpec } from './rule.js';
