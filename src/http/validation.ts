import { Ajv, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

declare global {
  // ES2024; Node 20 has it, the ES2022 lib this project compiles against does not declare it.
  interface String { isWellFormed(): boolean; toWellFormed(): string }
}

/**
 * Text the database cannot keep exactly: PostgreSQL stores no NUL in text or jsonb (it would fail
 * there as a 500), and a lone UTF-16 surrogate has no UTF-8 form, so it would be stored as U+FFFD
 * while the audit hash was taken over the original (a broken chain).
 */
export function isUnstorableText(s: string): boolean {
  return s.includes('\u0000') || !s.isWellFormed();
}

export interface TextProblem { path: string; message: string }

/**
 * Where the first string or key of `data` holds text the database cannot keep exactly, as a JSON
 * pointer (for a key: the key itself, its lone surrogates shown as U+FFFD), if anywhere.
 * Iterative: a parsed body can be nested deeper than the call stack.
 */
export function findUnstorableText(data: unknown): TextProblem | undefined {
  // Every request passes here and almost none has such text: look first without building a path
  // per member, then find where.
  return containsUnstorable(data) ? unstorablePath(data) : undefined;
}

function containsUnstorable(data: unknown): boolean {
  const stack: unknown[] = [data];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (isUnstorableText(v)) return true;
    } else if (Array.isArray(v)) {
      for (const child of v) stack.push(child);
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (isUnstorableText(k)) return true;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return false;
}

function problemOf(s: string, path: string): TextProblem {
  return { path, message: s.includes('\u0000') ? 'must not contain NUL characters' : 'must be well-formed text (no lone UTF-16 surrogates)' };
}

function unstorablePath(data: unknown): TextProblem | undefined {
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (isUnstorableText(v)) return problemOf(v, path);
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (isUnstorableText(k)) return problemOf(k, `${path}/${k.replace(/\u0000/g, '').toWellFormed()}`);
        stack.push([child, `${path}/${k}`]);
      }
    }
  }
  return undefined;
}

/**
 * Bodies are checked strictly: a wrong type is an error, never silently converted, and unknown
 * fields are refused. Query strings and path parameters are text by nature, so they are coerced.
 * Text the database cannot keep exactly (NUL, lone surrogates) is refused everywhere.
 */
export function registerValidators(app: FastifyInstance): void {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    const validate = ajv.compile(schema);
    const check = (data: unknown): boolean => {
      const ok = validate(data);
      const bad = ok ? findUnstorableText(data) : undefined;
      check.errors = bad === undefined ? validate.errors : [{ instancePath: bad.path, schemaPath: '#', keyword: 'text', params: {}, message: bad.message }];
      return ok && bad === undefined;
    };
    check.errors = null as typeof validate.errors;
    return check;
  });
}
