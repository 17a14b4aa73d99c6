/**
 * Each workplace's bundle carries only its own texts (web/src/apps/<ui>/…messages.ts) plus the
 * shared ones, so a key moved to the wrong catalog would show as the bare key in one UI while the
 * type checker stays happy (useAppT accepts the shared keys too). This reads the sources: every
 * literal key a translator is called with must be in a catalog that UI loads, in Chinese and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(__dirname, '../../web/src');
const SHARED_MESSAGES = path.join(WEB, 'shared/messages.ts');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const isCatalog = (file: string) => /messages\.ts$/.test(path.basename(file));

interface Catalog {
  zh: Set<string>;
  en: Set<string>;
}

/** The keys of a catalog file, per language: `export const zh = {…}`, `zhTexts`, or `{ zh: {…}, en: {…} }`. */
function readCatalog(file: string): Catalog {
  const out: Catalog = { zh: new Set(), en: new Set() };
  let lang: 'zh' | 'en' | null = null;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const opener = /^(?:export )?const (zh|en)\w*\b|^\s+(zh|en):\s*\{/.exec(line);
    if (opener) {
      lang = (opener[1] ?? opener[2]) as 'zh' | 'en';
      continue;
    }
    if (/^(?:export )?(?:const|type|function|interface)\b/.test(line)) {
      lang = null;
      continue;
    }
    const key = /^\s+'([^']+)'\s*:/.exec(line) ?? /^\s+([A-Za-z_$][\w$]*)\s*:/.exec(line);
    if (lang && key) out[lang].add(key[1]);
  }
  return out;
}

function union(files: string[]): Catalog {
  const all: Catalog = { zh: new Set(), en: new Set() };
  for (const f of files) {
    const c = readCatalog(f);
    c.zh.forEach((k) => all.zh.add(k));
    c.en.forEach((k) => all.en.add(k));
  }
  return all;
}

/** Literal keys passed to a translator (t, ct, ht… as the components name them). */
function usedKeys(files: string[]): Map<string, string> {
  const used = new Map<string, string>();
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\b(?:t|[a-z]t)\(\s*'([^'\s]+)'/g)) used.set(m[1], path.relative(WEB, f));
  }
  return used;
}

function missing(used: Map<string, string>, cat: Catalog): string[] {
  return [...used].filter(([k]) => !cat.zh.has(k) || !cat.en.has(k)).map(([k, f]) => `${k} (${f})`);
}

/** The catalogs the files reach through their relative imports (another UI's, a shared component's). */
function reachableCatalogs(files: string[]): string[] {
  const seen = new Set<string>();
  const todo = [...files];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const base = path.resolve(path.dirname(f), m[1]).replace(/\.js$/, '');
      const hit = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
      if (hit && hit.startsWith(WEB)) todo.push(hit);
    }
  }
  return [...seen].filter(isCatalog);
}

describe('message catalogs', () => {
  it('have the same keys in Chinese and English', () => {
    for (const f of filesUnder(WEB).filter(isCatalog)) {
      const c = readCatalog(f);
      expect(c.zh.size, path.relative(WEB, f)).toBeGreaterThan(0);
      expect([...c.zh].sort(), path.relative(WEB, f)).toEqual([...c.en].sort());
    }
  });

  it('hold every key the shared pages use, where those pages look', () => {
    const top = fs
      .readdirSync(path.join(WEB, 'shared'), { withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !isCatalog(e.name))
      .map((e) => path.join(WEB, 'shared', e.name));
    // Top-level shared code translates with useT(): the shared dictionary alone.
    expect(missing(usedKeys(top), union([SHARED_MESSAGES]))).toEqual([]);
    for (const dir of fs.readdirSync(path.join(WEB, 'shared'), { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const files = filesUnder(path.join(WEB, 'shared', dir.name));
      const cat = union([SHARED_MESSAGES, ...reachableCatalogs(files)]);
      expect(missing(usedKeys(files.filter((f) => !isCatalog(f))), cat), dir.name).toEqual([]);
    }
  });

  const apps = fs.readdirSync(path.join(WEB, 'apps'), { withFileTypes: true }).filter((e) => e.isDirectory());
  it.each(apps.map((e) => e.name))('hold every key the %s workplace uses, in a catalog the calling file reaches', (app) => {
    const files = filesUnder(path.join(WEB, 'apps', app)).filter((f) => !isCatalog(f));
    let calls = 0;
    const lost: string[] = [];
    // Per file: a translator only knows the catalogs its module imports (useAppT) and the shared one.
    for (const f of files) {
      const used = usedKeys([f]);
      calls += used.size;
      lost.push(...missing(used, union([SHARED_MESSAGES, ...reachableCatalogs([f])])));
    }
    expect(calls).toBeGreaterThan(0);
    expect(lost).toEqual([]);
  });
});
