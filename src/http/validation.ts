import { Ajv, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

/**
 * Where the first NUL character is in a string or key of `data` (a JSON pointer), if any. PostgreSQL
 * stores no NUL in text or jsonb, so such input would otherwise fail in the database as a 500.
 * Iterative: a parsed body can be nested deeper than the call stack.
 */
export function findNul(data: unknown): string | undefined {
  // Almost every body has none: look first without building a path per member, then find where.
  return containsNul(data) ? nulPath(data) : undefined;
}

function containsNul(data: unknown): boolean {
  const stack: unknown[] = [data];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) {
      for (const child of v) stack.push(child);
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (k.includes('\u0000')) return true;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return false;
}

function nulPath(data: unknown): string | undefined {
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return path;
        stack.push([child, `${path}/${k}`]);
      }
    }
  }
  return undefined;
}

/**
 * Bodies are checked strictly: a wrong type is an error, never silently converted, and unknown
 * fields are refused. Query strings and path parameters are text by nature, so they are coerced.
 * Text with a NUL character is refused everywhere.
 */
export function registerValidators(app: FastifyInstance): void {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    const validate = ajv.compile(schema);
    const check = (data: unknown): boolean => {
      const ok = validate(data);
      const nulAt = ok ? findNul(data) : undefined;
      check.errors = nulAt === undefined ? validate.errors : [{ instancePath: nulAt, schemaPath: '#', keyword: 'nul', params: {}, message: 'must not contain NUL characters' }];
      return ok && nulAt === undefined;
    };
    check.errors = null as typeof validate.errors;
    return check;
  });
}
