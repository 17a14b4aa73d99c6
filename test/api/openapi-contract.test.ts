import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { call, login, startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * The OpenAPI document is what integrators and their tools read (issue 14): it passes Redocly's
 * lint with zero errors, names and secures every operation, and says what the server really does —
 * including that a guarded route refuses an anonymous caller before it looks at the body.
 */

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

let s: TestServer;
let doc: Doc;
const operations: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
  s = await startTestServer();
  doc = (await call(s.url, 'GET', '/api/docs/json')).body as Doc;
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) operations.push({ method: method.toUpperCase(), path: p, op });
  }
});

afterAll(async () => {
  await s?.close();
});

/** A path with every parameter filled by a value that exists nowhere: the guard must answer first. */
const concrete = (p: string) => p.replace(/\{[^}]+\}/g, '1');

describe('the OpenAPI document', () => {
  it('passes Redocly lint with zero errors and zero warnings', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ow-openapi-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const bin = path.resolve('node_modules/.bin/redocly');
    const run = await promisify(execFile)(bin, ['lint', file, '--config', 'redocly.yaml', '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 32 * 1024 * 1024,
    }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('gives every operation a unique operationId and a security statement naming known schemes', () => {
    expect(operations.length).toBeGreaterThan(100);
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path: p, op } of operations) {
      expect(op.security, `${method} ${p}`).toBeInstanceOf(Array);
      for (const requirement of op.security!) {
        for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes).toHaveProperty(scheme);
        // A session cookie alone cannot change anything: a mutating call also needs the CSRF header.
        if (!['GET', 'HEAD'].includes(method) && Object.keys(requirement).length) expect(requirement, `${method} ${p}`).toHaveProperty('csrf');
      }
    }
    expect(operations.find((o) => o.path === '/api/cases' && o.method === 'POST')!.op.security).toEqual([{ session: [], csrf: [] }]);
    expect(operations.find((o) => o.path === '/api/applicant/me')!.op.security).toEqual([{ applicantSession: [] }]);
    expect(operations.find((o) => o.path === '/api/public/progress')!.op.security).toEqual([]);
  });

  it('declares pages, spreadsheets and files under their own media types, with JSON errors', () => {
    const media = (p: string, status = '200') => Object.keys(operations.find((o) => o.path === p && o.method === 'GET')!.op.responses[status]!.content ?? {});
    expect(media('/c/{caseNo}')).toEqual(['text/html']);
    expect(media('/print/items/{code}/guide')).toEqual(['text/html']);
    expect(media('/api/stats/cases.csv')).toEqual(['text/csv']);
    expect(media('/api/bulletin.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(media('/api/files/{id}')).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    expect(media('/api/files/{id}', '404')).toEqual(['application/json']);
    expect(media('/print/cases/{caseNo}/receipt', '404').sort()).toEqual(['application/json', 'text/html']);
  });

  it('declares the shared error answers on every operation (validation, body parsing, session, database)', () => {
    for (const { method, path: p, op } of operations) {
      const statuses = Object.keys(op.responses);
      expect(statuses, `${method} ${p}`).toEqual(expect.arrayContaining(['500', '503']));
      if (method !== 'GET') expect(statuses, `${method} ${p}`).toEqual(expect.arrayContaining(['400', '403', '413', '415']));
      if (op.security?.length) expect(statuses, `${method} ${p}`).toEqual(expect.arrayContaining(['401', '403']));
      if (p.includes('{')) expect(statuses, `${method} ${p}`).toEqual(expect.arrayContaining(['404', '414']));
    }
  });
});

describe('authentication before validation', () => {
  it('answers every guarded operation called anonymously with a broken body by 401, with no details about the body', async () => {
    const guarded = operations.filter((o) => o.op.security?.length);
    expect(guarded.length).toBeGreaterThan(80);
    for (const { method, path: p } of guarded) {
      const body = ['GET', 'HEAD', 'DELETE'].includes(method) ? undefined : { surely: 'not a field', number: 'x'.repeat(5000) };
      const query = method === 'GET' ? '?page=-5&from=2026-13-45&unknown=1' : '';
      const res = await call(s.url, method, concrete(p) + query, body);
      expect({ op: `${method} ${p}`, status: res.status, code: res.body?.code, details: res.body?.details })
        .toEqual({ op: `${method} ${p}`, status: 401, code: 'UNAUTHENTICATED', details: undefined });
    }
  });

  it('refuses a staff request without its CSRF token before reading its body', async () => {
    const desk = await login(s.url, 'desk1');
    const res = await call(s.url, 'POST', '/api/cases', { itemCode: 12345 }, { cookie: desk.cookie });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_FAILED');
    const malformed = await call(s.url, 'POST', '/api/cases', '{"itemCode":', { cookie: desk.cookie });
    expect(malformed.status).toBe(403);
  });

  it('refuses the wrong role before validating the body', async () => {
    const approver = await login(s.url, 'approver-scjg');
    const res = await approver.request('POST', '/api/cases', { itemCode: 12345 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('still validates the body of an authorised caller', async () => {
    const desk = await login(s.url, 'desk1');
    const res = await desk.request('POST', '/api/cases', { itemCode: 12345 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('what the router refuses', () => {
  it('answers an over-long path segment with 414 and the error shape, not echoing the address', async () => {
    const secret = 'x'.repeat(150);
    const res = await call(s.url, 'GET', `/api/public/queue/tickets/${secret}`);
    expect(res.status).toBe(414);
    expect(res.body).toEqual({ code: 'URI_TOO_LONG', message: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const op = operations.find((o) => o.path === '/api/public/queue/tickets/{token}')!;
    expect(Object.keys(op.op.responses)).toContain('414');
  });
});
