import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/domain/ttl-cache.js';

describe('TtlCache', () => {
  it('forgets entries after the TTL and evicts the oldest past the bound', () => {
    let t = 0;
    const c = new TtlCache<string, number>(100, 2, () => t);
    c.set('a', 1);
    expect(c.get('a')).toBe(1);
    t = 100;
    expect(c.get('a')).toBeUndefined();
    c.set('a', 1); c.set('b', 2); c.set('c', 3);
    expect(c.get('a')).toBeUndefined();
    expect([c.get('b'), c.get('c')]).toEqual([2, 3]);
    c.delete('b');
    expect(c.get('b')).toBeUndefined();
  });
});
