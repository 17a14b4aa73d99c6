import { describe, expect, it } from 'vitest';
import { clearAllCaches, clearCache, listCaches, namedCache } from '../../src/lib/cache.js';

const dbA = {};
const dbB = {};

describe('namedCache', () => {
  it('forgets an entry after its TTL, on the injected clock or the caller’s', () => {
    let t = 0;
    const c = namedCache<string, number>({ name: 'test.ttl', invalidatedBy: 'time', ttlMs: 100, now: () => t });
    c.set(dbA, 'a', 1);
    t = 99;
    expect(c.find(dbA, 'a')).toBe(1);
    t = 100;
    expect(c.find(dbA, 'a')).toBeUndefined();
    c.set(dbA, 'b', 2, 1_000);
    expect(c.find(dbA, 'b', 1_050)).toBe(2);
    // A clock set back before the entry was made does not trust it.
    expect(c.find(dbA, 'b', 999)).toBeUndefined();
  });

  it('keeps entries of a never-changing cache until cleared', () => {
    let t = 0;
    const c = namedCache<number, string>({ name: 'test.never', invalidatedBy: 'never', now: () => t });
    c.set(dbA, 1, 'one');
    t = 10 * 365 * 86_400_000;
    expect(c.find(dbA, 1)).toBe('one');
    c.delete(dbA, 1);
    expect(c.find(dbA, 1)).toBeUndefined();
  });

  it('evicts the oldest entry past maxEntries, per scope', () => {
    const c = namedCache<string, number>({ name: 'test.bounded', invalidatedBy: 'writes', maxEntries: 2 });
    c.set(dbA, 'a', 1);
    c.set(dbA, 'b', 2);
    c.set(dbA, 'a', 10); // replacing an entry takes no room and makes it the newest
    c.set(dbA, 'c', 3);
    expect([c.find(dbA, 'a'), c.find(dbA, 'b'), c.find(dbA, 'c')]).toEqual([10, undefined, 3]);
    c.set(dbB, 'x', 9);
    expect(c.find(dbA, 'a')).toBe(10);
  });

  it('keeps scopes apart: an entry of one database is never another’s', () => {
    const c = namedCache<void, string>({ name: 'test.single', invalidatedBy: 'writes', ttlMs: 1_000 });
    c.set(dbA, undefined, 'A');
    expect(c.find(dbA)).toBe('A');
    expect(c.find(dbB)).toBeUndefined();
    c.clear();
    expect(c.find(dbA)).toBeUndefined();
  });

  it('registers every cache by a unique name, clearable by name or all at once', () => {
    const one = namedCache<string, number>({ name: 'test.registry.one', invalidatedBy: 'time', ttlMs: 5_000 });
    const two = namedCache<string, number>({ name: 'test.registry.two', invalidatedBy: 'never', maxEntries: 3 });
    expect(listCaches()).toEqual(expect.arrayContaining([
      { name: 'test.registry.one', invalidatedBy: 'time', ttlMs: 5_000, maxEntries: 10_000 },
      { name: 'test.registry.two', invalidatedBy: 'never', ttlMs: undefined, maxEntries: 3 },
    ]));
    expect(() => namedCache({ name: 'test.registry.one', invalidatedBy: 'never' })).toThrow(/exists already/);
    one.set(dbA, 'k', 1);
    two.set(dbA, 'k', 2);
    expect(clearCache('test.registry.one')).toBe(true);
    expect(clearCache('no.such.cache')).toBe(false);
    expect([one.find(dbA, 'k'), two.find(dbA, 'k')]).toEqual([undefined, 2]);
    clearAllCaches();
    expect(two.find(dbA, 'k')).toBeUndefined();
  });
});
