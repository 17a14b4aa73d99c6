import { describe, expect, it } from 'vitest';
import { transitOf, wholeHours } from '../../src/domain/ledger-transit.js';
import { renderResultAtPlace } from '../../src/modules/sms/sms-templates.js';

const at = (iso: string) => new Date(iso);

describe('the clock across places (transit of a proxy case)', () => {
  it('counts whole hours, never less than nothing', () => {
    expect(wholeHours(at('2026-11-16T02:00:00Z'), at('2026-11-16T04:59:59Z'))).toBe(2);
    expect(wholeHours(at('2026-11-16T02:00:00Z'), at('2026-11-16T01:00:00Z'))).toBe(0);
  });

  it('runs the way to the county until acceptance, and the way back from completion until the return', () => {
    const now = at('2026-11-20T02:00:00Z');
    const waiting = transitOf({ receivedAt: at('2026-11-16T02:00:00Z'), acceptedAt: null, completedAt: null, returnedAt: null }, now);
    expect(waiting.before).toEqual({ from: at('2026-11-16T02:00:00Z'), to: null, hours: 96, running: true });
    expect(waiting.after).toEqual({ from: null, to: null, hours: null, running: false });

    const back = transitOf({
      receivedAt: at('2026-11-16T02:00:00Z'), acceptedAt: at('2026-11-16T10:00:00Z'), completedAt: at('2026-11-18T02:00:00Z'), returnedAt: null,
    }, now);
    expect(back.before).toMatchObject({ hours: 8, running: false });
    expect(back.after).toMatchObject({ hours: 48, running: true });

    const done = transitOf({
      receivedAt: at('2026-11-16T02:00:00Z'), acceptedAt: at('2026-11-16T10:00:00Z'), completedAt: at('2026-11-18T02:00:00Z'), returnedAt: at('2026-11-18T07:30:00Z'),
    }, now);
    expect(done.after).toMatchObject({ hours: 5, running: false });
  });

  it('stops the way to the county when the case closed without acceptance', () => {
    const t = transitOf({ receivedAt: at('2026-11-16T02:00:00Z'), acceptedAt: null, completedAt: null, returnedAt: null, closedAt: at('2026-11-16T05:00:00Z') }, at('2026-11-30T00:00:00Z'));
    expect(t.before).toMatchObject({ hours: 3, running: false });
  });
});

describe('the result-at-place SMS', () => {
  it('names the center, the item, the case and the place to collect it', () => {
    expect(renderResultAtPlace('和平县政务服务中心', '最低生活保障审核确认', '261116-00042-7', '东街村便民服务室')).toBe(
      '【和平县政务服务中心】您的“最低生活保障审核确认”（办件编号261116-00042-7）办理结果已送达东街村便民服务室，请携带身份证到该处领取。',
    );
  });
});
