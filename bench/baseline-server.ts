/**
 * The yardstick: the least a Fastify + pg server can do for the same requests — one INSERT of a
 * row shaped like a case, and one SELECT of a row by primary key. Every figure of `npm run bench`
 * is a ratio to this, measured in the same run on the same database.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL_MAX ?? 10) });
await pool.query(`create table if not exists bench_baseline (
  id serial primary key, center_id int not null, case_no text not null, item_code text not null, item_name text not null,
  status text not null, applicant_name text not null, applicant_id_number text, applicant_phone text not null,
  materials jsonb not null, received_at timestamptz not null, updated_at timestamptz not null)`);

const app = Fastify({ logger: false });
let seq = 0;
app.post('/insert', async (request) => {
  const b = request.body as { itemCode: string; applicant: { name: string; idNumber?: string; phone: string }; materials: unknown[] };
  const now = new Date();
  const { rows } = await pool.query(
    `insert into bench_baseline (center_id, case_no, item_code, item_name, status, applicant_name, applicant_id_number, applicant_phone, materials, received_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) returning id`,
    [1, `B${process.pid}-${++seq}`, b.itemCode, 'bench', 'received', b.applicant.name, b.applicant.idNumber ?? null, b.applicant.phone, JSON.stringify(b.materials), now],
  );
  return { id: rows[0].id };
});
app.get('/row/:id', async (request) => {
  const { rows } = await pool.query('select * from bench_baseline where id = $1', [Number((request.params as { id: string }).id)]);
  return rows[0] ?? {};
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
