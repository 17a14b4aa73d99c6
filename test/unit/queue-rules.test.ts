import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { announcement, averageMinutes, canStep, estimateWaitMinutes, isValidPrefix, ticketNo } from '../../src/domain/queue-rules.js';

describe('queue rules', () => {
  it('numbers tickets with the category prefix and three digits', () => {
    expect(ticketNo('A', 12)).toBe('A012');
    expect(ticketNo('BD', 7)).toBe('BD007');
    expect(ticketNo('C', 1234)).toBe('C1234');
  });

  it('accepts one or two capital letters as a prefix', () => {
    expect(['A', 'ZZ'].every(isValidPrefix)).toBe(true);
    expect(['', 'a', 'ABC', 'A1', '号'].some(isValidPrefix)).toBe(false);
  });

  it('lets a window act on a ticket only from the right state', () => {
    expect(canStep('called', 'start')).toBe(true);
    expect(canStep('waiting', 'start')).toBe(false);
    expect(canStep('serving', 'finish')).toBe(true);
    expect(canStep('called', 'finish')).toBe(false);
    expect(canStep('done', 'transfer')).toBe(false);
    expect(canStep('absent', 'recall')).toBe(false);
  });

  it('estimates the wait from the people ahead and the open windows', () => {
    expect(estimateWaitMinutes(4, 10, 2)).toBe(20);
    expect(estimateWaitMinutes(0, 10, 1)).toBe(0);
    expect(estimateWaitMinutes(3, 10, 0)).toBeNull();
    fc.assert(fc.property(fc.nat(500), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 20 }), (ahead, avg, open) => {
      const more = estimateWaitMinutes(ahead + 1, avg, open)!;
      const fewer = estimateWaitMinutes(ahead, avg, open)!;
      const moreWindows = estimateWaitMinutes(ahead, avg, open + 1)!;
      return more >= fewer && moreWindows <= fewer;
    }));
  });

  it('announces in the hall\'s words', () => {
    expect(announcement('A012', 3)).toBe('请A012号到3号窗口办理');
  });

  it('averages durations in minutes, skipping the unknown', () => {
    expect(averageMinutes([60_000, 180_000, null])).toBe(2);
    expect(averageMinutes([null])).toBeNull();
  });
});
