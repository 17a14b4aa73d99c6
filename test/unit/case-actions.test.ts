import { describe, expect, it } from 'vitest';
import { CASE_ACTION_SPECS, CASE_ACTIONS, PAUSE_KINDS } from '../../src/contract/case-actions/index.js';
import { CLOCK_RUNNING, CLOCK_STOPPED, TERMINAL } from '../../src/domain/case-status.js';
import { effectFor, type Env } from '../../src/modules/cases/case-effects.js';
import { PAUSE_LABELS } from '../../src/modules/cases/effects/pause.js';
import type { CaseRow } from '../../src/modules/cases/cases.repository.js';
import { caseMessages } from '../../web/src/shared/case/case-messages.js';

const specs = CASE_ACTIONS.map((name) => ({ name, ...CASE_ACTION_SPECS[name] }));

describe('the case actions (src/contract/case-actions/)', () => {
  it('each has a distinct place among the buttons', () => {
    expect(specs.map((s) => s.order).sort((a, b) => a - b)).toEqual(CASE_ACTIONS.map((_, i) => i));
  });

  it('each names its label in both languages of the shared case messages', () => {
    for (const s of specs) {
      expect(s.label, s.name).toBe(`action.${s.name}`);
      for (const lang of ['zh', 'en'] as const) expect((caseMessages[lang] as Record<string, string>)[s.label], `${lang} ${s.label}`).toBeTruthy();
    }
  });

  it('say what they do to the clock as the statuses they lead to do', () => {
    for (const s of specs) {
      if (s.clock === 'starts') expect(CLOCK_RUNNING, s.name).toContain(s.to);
      if (s.clock === 'pauses') expect([...CLOCK_STOPPED, 'supplement'], s.name).toContain(s.to);
      if (s.clock === 'resumes') expect(s.to, s.name).toBe('back');
      if (s.clock === 'ends') expect([...TERMINAL, 'refused', 'completed'], s.name).toContain(s.to);
      expect(s.clock === 'pauses', `${s.name} pause kinds`).toBe((s.pauseKinds?.length ?? 0) > 0);
    }
  });

  it('name every pause kind in the SMS and in both languages', () => {
    expect(Object.keys(PAUSE_LABELS).sort()).toEqual([...PAUSE_KINDS].sort());
    for (const kind of specs.flatMap((s) => s.pauseKinds ?? [])) {
      for (const lang of ['zh', 'en'] as const) expect((caseMessages[lang] as Record<string, string>)[`pause.${kind}`], `${lang} ${kind}`).toBeTruthy();
    }
  });
});

describe('an action\'s effect (src/modules/cases/effects/)', () => {
  const env = { today: '2026-03-02', now: new Date('2026-03-02T02:00:00Z') } as Env;
  const submitted = {
    status: 'submitted',
    materials: [
      { code: 'M01', name: '申请表', required: true, provided: true },
      { code: 'M02', name: '居民身份证', required: true, provided: true },
    ],
  } as CaseRow;

  it('prereview-return marks the materials to fix missing and names them in the SMS', () => {
    const effect = effectFor('prereview-return', submitted, [], { comment: ' 照片不清晰 ', data: { missing: ['M02'] } }, env, null);
    expect(effect).toEqual({
      to: 'prereview_returned',
      patch: { materials: [submitted.materials[0], { ...submitted.materials[1], provided: false }] },
      data: { missing: ['M02'] },
      sms: { template: 'prereview-returned', materials: ['居民身份证'], reason: '照片不清晰' },
    });
  });

  it('prereview-return needs at least one known material', () => {
    expect(() => effectFor('prereview-return', submitted, [], { comment: 'x', data: { missing: [] } }, env, null)).toThrow(/data.missing/);
    expect(() => effectFor('prereview-return', submitted, [], { comment: 'x', data: { missing: ['M99'] } }, env, null)).toThrow(/unknown material M99/);
  });
});
