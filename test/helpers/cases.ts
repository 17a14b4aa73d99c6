import { call, type Session, type TestServer } from './test-server.js';

export const PERSON = { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13812345678' } as const;
export const COMPANY = { kind: 'organization', name: '和平县好味道餐饮有限公司', creditCode: '91350100M000100Y43', phone: '13912345678' } as const;

export async function findItem(s: TestServer, name: string) {
  const list = await call(s.url, 'GET', `/api/items?q=${encodeURIComponent(name)}&pageSize=50`);
  const hit = list.body.items.find((i: { name: string }) => i.name === name);
  if (!hit) throw new Error(`no item ${name}`);
  return (await call(s.url, 'GET', `/api/items/${hit.code}`)).body as {
    code: string; kind: string; promisedDays: number; department: { code: string };
    materials: { code: string; name: string; required: boolean }[];
    stages: { name: string; limitDays: number; departments: { code: string; lead: boolean }[] }[];
  };
}

export function allMaterials(item: { materials: { code: string }[] }) {
  return item.materials.map((m) => ({ code: m.code, provided: true }));
}

export async function intake(desk: Session, item: Awaited<ReturnType<typeof findItem>>, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return desk.request('POST', '/api/cases', { itemCode: item.code, applicant: PERSON, channel: 'window', materials: allMaterials(item), ...extra }, headers);
}

/** Runs an action with the version the case has now. */
export async function act(session: Session, caseNo: string, action: string, body: Record<string, unknown> = {}) {
  const current = await session.request('GET', `/api/cases/${caseNo}`);
  return session.request('POST', `/api/cases/${caseNo}/actions`, { action, expectedVersion: current.body.version, ...body });
}
