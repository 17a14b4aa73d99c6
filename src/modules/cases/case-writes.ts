import { rawQuery, type Db } from '../../db/client.js';
import type { HashedEvent } from '../../domain/event-hash.js';
import type { CaseRow, NewCase, TaskRow } from './cases.repository.js';

/**
 * The two writes every case step makes, each as ONE statement: the case row, its event and its
 * outbox message (and joint tasks, and the idempotency answer) change together or not at all,
 * in one round trip and one commit. These are the morning rush's hot path; see docs/performance.md.
 */

/** The hashed fields of an event (the case is known from the row it is written with), plus its links. */
export interface EventWrite extends Omit<HashedEvent, 'caseNo' | 'at'> {
  at: Date;
  prevHash: string;
  hash: string;
}

export interface SmsWrite {
  dedupeKey: string;
  recipient: string;
  template: string;
  body: string;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * A step's statement: the fixed head (the case row at $1–$23 and $37–$38 (on intake $37–$40: the proxy), its event at $24–$36) and only the
 * optional parts the step needs (SMS, joint tasks, idempotency answer, files), each numbering its
 * parameters after the ones before. A step without an SMS or tasks does not pay for empty inserts;
 * every combination of parts is its own prepared statement.
 */
class Statement {
  private readonly ctes: string[] = [];
  private readonly tags: string[] = [];

  constructor(readonly params: unknown[]) {}

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  with(tag: string, cte: string): void {
    this.tags.push(tag);
    this.ctes.push(cte);
  }

  /**
   * The statement's name and text. The text is made once per name (the name says which parts it
   * has): the driver compares a named statement's text with the one it prepared on every call,
   * which is instant for the same string and a character-by-character walk for an equal copy.
   */
  statement(base: string, head: string, tail: string): { name: string; text: string } {
    const name = [base, ...this.tags].join('_');
    let text = statementTexts.get(name);
    if (text === undefined) {
      text = `with ${[head, ...this.ctes].join(',\n')}\n${tail}`;
      statementTexts.set(name, text);
    }
    return { name, text };
  }
}

const statementTexts = new Map<string, string>();

/** The event of a step, inserted from the case row the statement wrote (`source`). */
function eventCte(source: string): string {
  return `e as (
  insert into case_events (case_id, seq, at, actor_id, actor_name, role, action, from_status, to_status, client_address, comment, data, prev_hash, hash)
  select ${source}.id, $24, $25::timestamptz, $26, $27, $28, $29, $30, $31, $32, $33, $34::jsonb, $35, $36 from ${source}
)`;
}

function addSms(st: Statement, source: string, at: string, sms: SmsWrite | undefined): void {
  if (!sms) return;
  st.with('sms', `o as (
  insert into outbox (channel, dedupe_key, case_id, recipient, template, body, status, attempts, next_attempt_at, created_at)
  select 'sms', ${st.param(sms.dedupeKey)}, ${source}.id, ${st.param(sms.recipient)}, ${st.param(sms.template)}, ${st.param(sms.body)}, 'pending', 0, ${at}::timestamptz, ${at}::timestamptz from ${source}
  on conflict (dedupe_key) do nothing
)`);
}

function eventParams(e: EventWrite): unknown[] {
  return [e.seq, e.at.toISOString(), e.actorId, e.actorName, e.role, e.action, e.fromStatus, e.toStatus, e.clientAddress, e.comment, json(e.data), e.prevHash, e.hash];
}

/** Uploads an online (re)submission attaches, linked to the step's event; `[]` for every other step. */
export interface FileWrite {
  code: string;
  name: string;
  uploadId: string;
}

function addFiles(st: Statement, source: string, files: FileWrite[] | undefined): void {
  if (!files?.length) return;
  const list = JSON.stringify(files.map((f) => ({ code: f.code, name: f.name, upload_id: f.uploadId })));
  st.with('files', `f as (
  insert into case_files (case_id, seq, material_code, material_name, upload_id)
  select ${source}.id, $24, x.code, x.name, x.upload_id from ${source}, jsonb_to_recordset(${st.param(list)}::jsonb) as x(code text, name text, upload_id text)
)`);
}

/**
 * 台帐: a proxy case's papers handed in are held at the place that took them from the moment of
 * intake, so that every paper has a holder before it first travels.
 */
function addProxyLedger(st: Statement, row: NewCase): void {
  if (row.proxyCenterId === null || row.proxyCenterId === undefined) return;
  const names = JSON.stringify(row.materials.filter((m) => m.provided).map((m) => ({ name: m.name })));
  st.with('ledger', `l as (
  insert into ledger_entries (case_id, case_no, kind, name, copies, home_center_id, holder_center_id, state, held_since, created_by, created_at)
  select c.id, $2, 'material', x.name, 1, $37, $37, 'held', $18::timestamptz, $39, $18::timestamptz
  from c, jsonb_to_recordset(${st.param(names)}::jsonb) as x(name text)
)`);
}

/** 台帐: a paper a step issues (a proxy case's result), held at the case's center, its name the item's result's. */
export interface LedgerWrite {
  kind: 'result';
  homeCenterId: number;
  createdBy: number;
}

function addLedgerEntry(st: Statement, before: CaseRow, ledger: LedgerWrite | undefined): void {
  if (!ledger) return;
  st.with('ledger', `l as (
  insert into ledger_entries (case_id, case_no, kind, name, copies, home_center_id, holder_center_id, state, held_since, created_by, created_at)
  select u.id, ${st.param(before.caseNo)}, ${st.param(ledger.kind)}, coalesce(nullif(v.result_name, ''), '办理结果'), 1, ${st.param(ledger.homeCenterId)}::int,
    ${st.param(before.centerId)}::int, 'held', $23::timestamptz, ${st.param(ledger.createdBy)}::int, $23::timestamptz
  from u left join item_versions v on v.id = ${st.param(before.itemVersionId)}::int
)`);
}

const INSERT_HEAD = `c as (
  insert into cases (center_id, case_no, item_version_id, item_code, item_name, kind, department_id, status, version,
    applicant_kind, applicant_name, applicant_id_number, applicant_credit_code, applicant_phone, agent, channel, urgent,
    materials, received_at, received_by, promised_days, pause, cancel_token, last_event_hash, event_count, updated_at,
    proxy_center_id, proxy_township_id, proxy_by, proxy_authorization)
  values ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17::jsonb, $18::timestamptz, $19, $20,
    $21::jsonb, $22, $23, 1, $18::timestamptz, $37, $38, $39, $40::jsonb)
  returning id
), ${eventCte('c')}`;

export interface TaskSeed {
  stage: number;
  stage_name: string;
  department_id: number;
  lead: boolean;
  limit_days: number;
}

/** Intake: the case, its first event, its SMS, its joint tasks and the idempotency answer, in one statement. */
export async function insertCase(db: Db, row: NewCase, event: EventWrite, sms: SmsWrite | undefined, tasks: TaskSeed[],
  idempotency?: { userId: number; key: string; response: unknown }, files?: FileWrite[]): Promise<number> {
  const st = new Statement([
    row.centerId, row.caseNo, row.itemVersionId, row.itemCode, row.itemName, row.kind, row.departmentId, row.status,
    row.applicantKind, row.applicantName, row.applicantIdNumber ?? null, row.applicantCreditCode ?? null, row.applicantPhone,
    json(row.agent), row.channel, row.urgent ?? false, json(row.materials), iso(row.receivedAt), row.receivedBy ?? null,
    row.promisedDays, json(row.pause), row.cancelToken, row.lastEventHash,
    ...eventParams(event),
    row.proxyCenterId ?? null, row.proxyTownshipId ?? null, row.proxyBy ?? null, json(row.proxyAuthorization),
  ]);
  addSms(st, 'c', '$18', sms);
  addProxyLedger(st, row);
  if (tasks.length) {
    st.with('tasks', `t as (
  insert into case_tasks (case_id, stage, stage_name, department_id, lead, limit_days, status)
  select c.id, x.stage, x.stage_name, x.department_id, x.lead, x.limit_days, 'waiting'
  from c, jsonb_to_recordset(${st.param(JSON.stringify(tasks))}::jsonb) as x(stage int, stage_name text, department_id int, lead boolean, limit_days int)
)`);
  }
  if (idempotency) {
    st.with('key', `k as (
  update idempotency_keys set state = 'done', status_code = 201, response = ${st.param(json(idempotency.response))}::jsonb
  where user_id = ${st.param(idempotency.userId)} and key = ${st.param(idempotency.key)} and state = 'running' and exists (select 1 from c)
)`);
  }
  addFiles(st, 'c', files);
  const { name, text } = st.statement('case_insert', INSERT_HEAD, 'select id from c');
  const rows = await rawQuery(db, name, text, st.params);
  return Number(rows[0]!.id);
}

const UPDATE_HEAD = `u as (
  update cases set status = $3, version = version + 1, materials = $4::jsonb, accepted_at = $5::timestamptz, accepted_date = $6::date,
    paused_days = $7, pause = $8::jsonb, due_date = $9::date, due_provisional = $10, warning_level = $11, decision = $12,
    decided_at = $13::timestamptz, completed_at = $14::timestamptz, completed_date = $15::date, timeliness = $16, result_no = $17,
    delivered_at = $18::timestamptz, delivery = $19::jsonb, closed_reason = $20, last_event_hash = $21, event_count = $22,
    updated_at = $23::timestamptz, received_by = $37, next_level_date = $38::date
  where id = $1 and version = $2
  returning id, version
), ${eventCte('u')}`;

/**
 * A step of a case: the whole new state is written, guarded by the version the actor saw, so of
 * two concurrent steps exactly one lands (the other gets no row back) and nothing is half-written.
 */
export async function updateCase(db: Db, before: CaseRow, after: CaseRow, event: EventWrite, sms: SmsWrite | undefined, tasks: TaskRow[],
  files?: FileWrite[], ledger?: LedgerWrite): Promise<number | undefined> {
  const st = new Statement([
    before.id, before.version, after.status, json(after.materials), iso(after.acceptedAt), after.acceptedDate, after.pausedDays,
    json(after.pause), after.dueDate, after.dueProvisional, after.warningLevel, after.decision, iso(after.decidedAt), iso(after.completedAt),
    after.completedDate, after.timeliness, after.resultNo, iso(after.deliveredAt), json(after.delivery), after.closedReason,
    after.lastEventHash, after.eventCount, iso(after.updatedAt),
    ...eventParams(event),
    after.receivedBy ?? null, after.nextLevelDate ?? null,
  ]);
  addSms(st, 'u', '$23', sms);
  if (tasks.length) {
    const list = JSON.stringify(tasks.map((t) => ({ id: t.id, status: t.status, started_date: t.startedDate, due_date: t.dueDate, finished_at: iso(t.finishedAt), comment: t.comment,
      warning_level: t.warningLevel ?? 'none', next_level_date: t.nextLevelDate ?? null })));
    st.with('tasks', `t as (
  update case_tasks set status = x.status, started_date = x.started_date::date, due_date = x.due_date::date,
    finished_at = x.finished_at::timestamptz, comment = x.comment, warning_level = x.warning_level, next_level_date = x.next_level_date::date
  from jsonb_to_recordset(${st.param(list)}::jsonb) as x(id int, status text, started_date text, due_date text, finished_at text, comment text, warning_level text, next_level_date text)
  where case_tasks.id = x.id and exists (select 1 from u)
)`);
  }
  addFiles(st, 'u', files);
  addLedgerEntry(st, before, ledger);
  const { name, text } = st.statement('case_update', UPDATE_HEAD, 'select version from u');
  const rows = await rawQuery(db, name, text, st.params);
  return rows[0] ? Number(rows[0].version) : undefined;
}
