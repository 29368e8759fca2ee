// The audit log over real HTTP on the embedded database (profile §10): every state-changing call of
// the operation table is recorded whatever its outcome, the chain verifies, tampering with stored
// rows is found, the list filters and pages, the CSV export escapes formulas, and no secret is kept.
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditPageSchema, auditVerifyResultSchema, type AuditEntry } from '@dmc/shared/api';
import { auditHash } from '../src/domain/audit/audit-chain';
import { isAudited } from '../src/http/audit-trail';
import { pathParameterNames, type ApiOperation } from '../src/http/operation';
import { CONSOLE_OPERATIONS } from '../src/http/routes/console-api';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

const SUPPORT = { username: 'sam', password: 'support-password-1' };

function probePath(op: ApiOperation): string {
  let path = op.path;
  for (const name of pathParameterNames(op.path)) path = path.replace(`:${name}`, 'audit-probe');
  return path;
}

async function allEntries(server: TestServer): Promise<AuditEntry[]> {
  const rows = await server.store.audit.list({}, 10_000);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

async function verify(server: TestServer) {
  const res = await server.api('GET', '/api/v1/audit/verify');
  expect(res.status).toBe(200);
  return auditVerifyResultSchema.parse(await res.json());
}

function tamper(server: TestServer, statement: string): void {
  const db = new SqliteDatabase(server.dbFile);
  try {
    db.prepare(statement).run();
  } finally {
    db.close();
  }
}

describe('audit log', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('records every non-GET operation of the table, refused ones included', async () => {
    expect((await server.api('POST', '/api/v1/users', { ...SUPPORT, role: 'support' })).status).toBe(201);
    const supportToken = await server.login(SUPPORT.username, SUPPORT.password);
    const audited = CONSOLE_OPERATIONS.filter(isAudited);
    expect(audited.length).toBeGreaterThan(10);
    for (const op of audited) {
      // Signing out ends the session sent: such a call gets a session of its own.
      const token =
        op.access.kind === 'optional' ? await server.login(SUPPORT.username, SUPPORT.password) : supportToken;
      await fetch(`${server.baseUrl}${probePath(op)}`, {
        method: op.method.toUpperCase(),
        headers: { authorization: `Bearer ${token}` },
      });
    }
    const entries = await allEntries(server);
    for (const op of audited) {
      const entry = entries.find((e) => e.action === op.operationId && e.actor === SUPPORT.username);
      expect(entry, op.operationId).toBeDefined();
      expect(entry?.outcome, op.operationId).not.toBe('');
    }
    const refused = entries.find((e) => e.action === 'createUser' && e.actor === SUPPORT.username);
    expect(refused).toMatchObject({ role: 'support', outcome: 'FORBIDDEN', client: '127.0.0.1' });
    expect(refused?.requestId).not.toBe('');
    const logout = entries.find((e) => e.action === 'logout');
    expect(logout).toMatchObject({ actor: SUPPORT.username, outcome: 'ok' });
    expect(await verify(server)).toEqual({ ok: true, checked: entries.length });
  });

  it('records sign-ins, failed ones included, and targets from the path or the new resource', async () => {
    await expect(server.login(ADMIN.username, 'wrong-password-x')).rejects.toThrow();
    await server.registerDevice('dev-a', 'device-secret-000a');
    expect((await server.api('DELETE', '/api/v1/devices/dev-a')).status).toBe(204);
    expect((await server.api('DELETE', '/api/v1/devices/dev-a')).status).toBe(404);
    const entries = (await allEntries(server)).reverse();
    // A sign-in names its role only once it succeeded.
    expect(entries.map((e) => [e.action, e.actor, e.role, e.target, e.outcome])).toEqual([
      ['login', ADMIN.username, 'admin', ADMIN.username, 'ok'],
      ['login', ADMIN.username, '', ADMIN.username, 'UNAUTHENTICATED'],
      ['registerDevice', ADMIN.username, 'admin', 'dev-a', 'ok'],
      ['deleteDevice', ADMIN.username, 'admin', 'dev-a', 'ok'],
      ['deleteDevice', ADMIN.username, 'admin', 'dev-a', 'NOT_FOUND'],
    ]);
  });

  it('shows who queued a command, and audits the queueing with the command device as target', async () => {
    await server.registerDevice('dev-c', 'device-secret-0001');
    const res = await server.api('POST', '/api/v1/devices/dev-c/commands', {
      command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//FwV'],
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const record = (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as {
      createdBy: unknown;
    };
    expect(record.createdBy).toBe(ADMIN.username);
    const list = (await (await server.api('GET', '/api/v1/devices/dev-c/commands')).json()) as {
      items: { createdBy: unknown }[];
    };
    expect(list.items.map((c) => c.createdBy)).toEqual([ADMIN.username]);
    const entries = await allEntries(server);
    expect(entries[0]).toMatchObject({ action: 'queueCommand', target: 'dev-c', outcome: 'ok' });
  });

  it('chains each entry to the one before', async () => {
    for (const devId of ['d1', 'd2', 'd3']) await server.registerDevice(devId, 'device-secret-0001');
    const entries = (await allEntries(server)).reverse();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[0]?.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < entries.length; i += 1) {
      expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
      expect(entries[i]?.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(entries.map((e) => e.hash)).size).toBe(entries.length);
  });

  it('verify finds an entry edited in storage', async () => {
    for (const devId of ['d1', 'd2', 'd3']) await server.registerDevice(devId, 'device-secret-0001');
    expect(await verify(server)).toEqual({ ok: true, checked: 4 });
    tamper(server, "update audit_log set actor = 'someone-else' where seq = 3");
    expect(await verify(server)).toEqual({ ok: false, checked: 3, firstBadSeq: 3 });
  });

  it('verify finds an entry edited with its own hash recomputed: the next link breaks', async () => {
    for (const devId of ['d1', 'd2', 'd3']) await server.registerDevice(devId, 'device-secret-0001');
    const second = (await server.store.audit.range(1, 1))[0];
    if (!second) throw new Error('no entry 2');
    const forged = { ...second, outcome: 'FORBIDDEN' };
    tamper(server, `update audit_log set outcome = 'FORBIDDEN', hash = '${auditHash(forged)}' where seq = 2`);
    expect(await verify(server)).toEqual({ ok: false, checked: 3, firstBadSeq: 3 });
  });

  it('verify finds a deleted entry, also when the rest is renumbered', async () => {
    for (const devId of ['d1', 'd2', 'd3', 'd4']) await server.registerDevice(devId, 'device-secret-0001');
    tamper(server, 'delete from audit_log where seq = 2');
    expect(await verify(server)).toEqual({ ok: false, checked: 2, firstBadSeq: 3 });
    // Renumbering the rest to close the gap breaks the links all the same.
    tamper(server, 'update audit_log set seq = seq - 1 where seq > 2');
    expect(await verify(server)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('filters by actor, action, target and time, and pages with a cursor', async () => {
    expect((await server.api('POST', '/api/v1/users', { ...SUPPORT, role: 'support' })).status).toBe(201);
    for (let n = 1; n <= 5; n += 1) await server.registerDevice(`dev-${n}`, 'device-secret-0001');
    const get = async (query: string) => {
      const res = await server.api('GET', `/api/v1/audit?${query}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return auditPageSchema.parse(await res.json());
    };
    const byAction = await get('action=registerDevice&limit=2');
    expect(byAction.items.map((e) => e.target)).toEqual(['dev-5', 'dev-4']);
    expect(byAction.nextCursor).not.toBeNull();
    const second = await get(`action=registerDevice&limit=2&cursor=${byAction.nextCursor ?? ''}`);
    expect(second.items.map((e) => e.target)).toEqual(['dev-3', 'dev-2']);
    const third = await get(`action=registerDevice&limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(third.items.map((e) => e.target)).toEqual(['dev-1']);
    expect(third.nextCursor).toBeNull();
    expect((await get('target=dev-3')).items).toHaveLength(1);
    expect((await get('actor=sam')).items).toHaveLength(0);
    expect((await get(`actor=${ADMIN.username}`)).items).toHaveLength(7);
    const all = (await get('limit=100')).items;
    const middle = all.find((e) => e.target === 'dev-3');
    const since = await get(`since=${encodeURIComponent(middle?.at ?? '')}`);
    expect(since.items.every((e) => e.at >= (middle?.at ?? ''))).toBe(true);
    expect((await get('until=2000-01-01T00:00:00Z')).items).toEqual([]);
    expect((await server.api('GET', '/api/v1/audit?cursor=not-a-cursor')).status).toBe(400);
    expect((await server.api('GET', '/api/v1/audit?since=yesterday')).status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await server.api('POST', '/api/v1/users', { ...SUPPORT, role: 'support' })).status).toBe(201);
    const token = await server.login(SUPPORT.username, SUPPORT.password);
    for (const path of ['/api/v1/audit', '/api/v1/audit/verify', '/api/v1/audit/export.csv']) {
      expect((await server.api('GET', path, undefined, token)).status, path).toBe(403);
    }
  });

  it('exports CSV with formula cells defused and quotes escaped', async () => {
    // The username a failed sign-in gives is stored as typed: a formula and a quote.
    const res1 = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '=HYPERLINK("http://x")', password: 'whatever-password' }),
    });
    expect(res1.status).toBe(401);
    const res = await server.api('GET', '/api/v1/audit/export.csv?action=login');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,role,action,target,outcome,client,requestId,prevHash,hash');
    const formula = `"'=HYPERLINK(""http://x"")"`;
    expect(lines[1]).toContain(`,${formula},,login,${formula},UNAUTHENTICATED,`);
    expect(lines[2]).toMatch(/^1,.*,admin,admin,login,admin,ok,/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('keeps no password, token or device secret', async () => {
    const secrets = ['device-secret-zq81-long', 'notify-secret-zq82-long', 'user-password-zq83'];
    await server.registerDevice('dev-s', secrets[0] ?? '', { notifySecret: secrets[1] });
    expect(
      (await server.api('POST', '/api/v1/users', { username: 'uma', password: secrets[2], role: 'operator' }))
        .status,
    ).toBe(201);
    const token = await server.login('uma', secrets[2] ?? '');
    await server.login('uma', 'wrong-password-zq84').catch(() => undefined);
    await fetch(`${server.baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const db = new SqliteDatabase(server.dbFile, { readonly: true });
    const stored = JSON.stringify(db.prepare('select * from audit_log').all());
    db.close();
    expect(stored).toContain('dev-s');
    expect(stored).toContain('uma');
    for (const secret of [...secrets, 'wrong-password-zq84', token, server.adminToken]) {
      expect(stored).not.toContain(secret);
    }
  });
});
