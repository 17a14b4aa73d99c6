import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash } from '../../src/domain/event-hash.js';

/** The first form of canonicalJson, kept as the reference: every stored chain was hashed with it. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonical JSON of an event', () => {
  it('is the same text as the reference form for any JSON value, undefined members and odd keys included', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.double(), fc.integer(), fc.string(), fc.string({ unit: 'grapheme' })),
      array: fc.array(tie('node'), { maxLength: 5 }),
      object: fc.dictionary(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('__proto__', 'constructor', 'a', 'A', '0', '10', '9')), tie('node'), { maxKeys: 6 }),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
    })).node;
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 2000 });
  });

  it('sorts keys and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: [1, undefined, { d: undefined, c: 'x' }], é: null })).toBe('{"a":[1,null,{"c":"x"}],"b":1,"é":null}');
  });

  it('hashes an event over its predecessor, independent of key order', () => {
    const e = { caseNo: 'N1', seq: 1, at: '2026-11-30T00:00:00.000Z', actorId: 3, actorName: '窗口一', role: 'desk', action: 'receive',
      fromStatus: null, toStatus: 'received', clientAddress: '127.0.0.1', comment: null, data: { channel: 'window', missing: [] } };
    const shuffled = Object.fromEntries(Object.entries(e).reverse()) as typeof e;
    const expected = createHash('sha256').update('prev').update('\n').update(reference(e)).digest('hex');
    expect(eventHash('prev', e)).toBe(expected);
    expect(eventHash('prev', shuffled)).toBe(expected);
    expect(eventHash('other', e)).not.toBe(expected);
  });
});
