import { describe, expect, it } from 'vitest';
import {
  allowedActions, CASE_ACTIONS, CASE_STATUSES, needsComment, TRANSITIONS, targetStatus,
  type ActionContext, type Actor,
} from '../../src/domain/case-workflow.js';

const ACTORS: Actor[] = ['admin', 'desk', 'approver', 'supervisor', 'leader', 'applicant', 'system'];
const KINDS: ActionContext['kind'][] = ['immediate', 'promised', 'joint'];
const FLAGS = ['isLeadDepartment', 'hasActiveTask', 'awaitingLeadDecision', 'acceptedBefore', 'withinCancelWindow'] as const;

/**
 * The whole table written out: for each status × actor × item kind, each action allowed under some
 * of the 32 combinations of the context's flags, with a bit mask of those combinations (bit i set =
 * allowed when flag j is `(i >> j) & 1`, flags in the order of FLAGS). Pinned in a file so that moving
 * the rules around (one file per action) cannot change who may do what.
 */
function tableText(): string {
  const lines: string[] = [`flags: ${FLAGS.join(' ')}`];
  for (const a of CASE_ACTIONS) {
    const r = TRANSITIONS[a];
    lines.push(`${a}: from ${r.from.join(',')} to ${r.to}${needsComment(a) ? ' comment' : ''}`);
  }
  for (const a of CASE_ACTIONS) {
    for (const from of CASE_STATUSES) {
      if (TRANSITIONS[a].to === 'back') lines.push(`${a} back from ${from}: ${targetStatus(a, from, undefined)}, saved accepted: ${targetStatus(a, from, 'accepted')}`);
    }
  }
  for (const status of CASE_STATUSES) {
    for (const actor of ACTORS) {
      for (const kind of KINDS) {
        const masks = new Map<string, number>();
        for (let bits = 0; bits < 1 << FLAGS.length; bits++) {
          const c = { status, actor, kind } as ActionContext;
          FLAGS.forEach((f, j) => { c[f] = ((bits >> j) & 1) === 1; });
          for (const a of allowedActions(c)) masks.set(a, (masks.get(a) ?? 0) | (1 << bits));
        }
        const allowed = [...masks].map(([a, m]) => `${a}=${(m >>> 0).toString(16)}`).join(' ');
        lines.push(`${status} ${actor} ${kind}: ${allowed}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('the transition table, pinned', () => {
  it('is unchanged for every status × action × role × kind × flags', async () => {
    await expect(tableText()).toMatchFileSnapshot('./case-transition-table.txt');
  });
});
