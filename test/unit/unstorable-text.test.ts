import { describe, expect, it } from 'vitest';
import { findUnstorableText, isUnstorableText } from '../../src/http/validation.js';

describe('text the database cannot keep exactly', () => {
  it('is NUL or a lone UTF-16 surrogate; pairs, CJK and U+FFFD are text', () => {
    for (const s of ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00\ud800', '😀'.slice(0, 1), `${'a'.repeat(50)}\ud83d`]) expect(isUnstorableText(s), JSON.stringify(s)).toBe(true);
    for (const s of ['', 'abc', '市场监管局', '😀', '𠮷野家', '\ufffd', '\u2028']) expect(isUnstorableText(s), JSON.stringify(s)).toBe(false);
  });

  it('is found in values and keys at any depth, with a JSON pointer to it', () => {
    expect(findUnstorableText({ a: 'ok', b: [1, { c: 'ok' }] })).toBeUndefined();
    expect(findUnstorableText({ a: [{ note: 'ok' }, { note: 'x\ud800' }] })).toEqual({ path: '/a/1/note', message: expect.stringMatching(/surrogate/) });
    expect(findUnstorableText({ data: { ['k\udfff']: 1 } })).toEqual({ path: '/data/k\ufffd', message: expect.stringMatching(/surrogate/) });
    expect(findUnstorableText({ q: 'a\u0000b' })).toEqual({ path: '/q', message: 'must not contain NUL characters' });
    expect(findUnstorableText({ ['a\u0000']: 'x' })?.path).toBe('/a');
    expect(findUnstorableText('\ud800')).toEqual({ path: '', message: expect.any(String) });
  });

  it('is found in a body nested deeper than the call stack', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.path).toBe('/0'.repeat(100_000));
  });
});
