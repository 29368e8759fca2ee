// A full disk (issue 12): requests that cannot be stored get 503 SERVICE_UNAVAILABLE, not 500, and
// /readyz answers 503 with the reason until a write succeeds again. The disk is made full for real:
// the test holds the SQLite connection and caps the database at its current size (max_page_count),
// so SQLite raises SQLITE_FULL as on a full file system. The free-space check is tried with a
// minimum above any disk's free space.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceStatusSchema, type ServiceStatus } from '@dmc/shared/api';
import { openSqliteStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import { storeOverSqlite } from '../src/persistence/sqlite';
import { startAppWith, type InProcessApp } from './support/cluster-support';
import { LockstepDevice } from './support/dm-client';

const SECRET = 'device-secret-0123456789';

async function readiness(app: InProcessApp): Promise<{ code: number; body: ServiceStatus }> {
  const res = await fetch(`${app.url}/readyz`);
  return { code: res.status, body: serviceStatusSchema.parse(await res.json()) };
}

describe('storage full', () => {
  let dir = '';
  let store: Store | undefined;
  let app: InProcessApp | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dmc-full-'));
  });
  afterEach(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while SQLite is full, and /readyz fails until a write succeeds', async () => {
    const database = new SqliteDatabase(path.join(dir, 'dmc.sqlite'));
    database.pragma('journal_mode = WAL');
    store = await storeOverSqlite(database);
    app = await startAppWith(store, { instanceId: 'full-1' });
    const ready = app;
    await ready.api('POST', '/api/v1/devices', { devId: 'IMEI:100', secret: SECRET });
    const device = new LockstepDevice(ready.url, 'IMEI:100', SECRET);
    expect((await readiness(ready)).code).toBe(200);

    // No room to grow: the next write that needs a new page fails with SQLITE_FULL.
    database.pragma(`max_page_count = ${Number(database.pragma('page_count', { simple: true }))}`);
    let refused: Response | undefined;
    for (let n = 0; n < 500 && refused === undefined; n += 1) {
      const labels = [`l${n}-${'x'.repeat(50)}`];
      const res = await ready.api('POST', '/api/v1/devices', {
        devId: `IMEI:${1000 + n}`,
        secret: SECRET,
        labels,
      });
      if (res.status !== 201) refused = res;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get('retry-after')).toBe('5');
    expect(await refused?.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    // A device's sessions cannot be stored either: 503, which a device retries later, never 500.
    let dmStatus = 200;
    for (let n = 0; n < 500 && dmStatus === 200; n += 1) dmStatus = (await device.p1()).status;
    expect(dmStatus).toBe(503);

    const full = await readiness(ready);
    expect(full).toMatchObject({
      code: 503,
      body: { status: 'degraded', dependencies: { storage: 'full' } },
    });
    expect(full.body.reasons?.join(' ')).toMatch(/storage is full/);
    expect((await fetch(`${ready.url}/healthz`)).status).toBe(200);

    // Space again: the write probe succeeds, /readyz clears, and writes work.
    database.pragma('max_page_count = 1073741823');
    await expect
      .poll(() => readiness(ready), { timeout: 10_000 })
      .toMatchObject({ code: 200, body: { status: 'ok', dependencies: { storage: 'ok' } } });
    expect((await ready.api('POST', '/api/v1/devices', { devId: 'IMEI:999', secret: SECRET })).status).toBe(
      201,
    );
  });

  it('fails /readyz while the data directory has less free space than the minimum', async () => {
    store = await openSqliteStore({ file: ':memory:' });
    app = await startAppWith(store, { storage: { dir, minFreeBytes: Number.MAX_SAFE_INTEGER } });
    const low = await readiness(app);
    expect(low).toMatchObject({ code: 503, body: { dependencies: { storage: 'full' } } });
    expect(low.body.reasons?.join(' ')).toMatch(/DMC_MIN_FREE_BYTES/);
  });

  it('is ready when the data directory has the minimum free', async () => {
    store = await openSqliteStore({ file: ':memory:' });
    app = await startAppWith(store, { storage: { dir, minFreeBytes: 1 } });
    expect(await readiness(app)).toMatchObject({ code: 200, body: { dependencies: { storage: 'ok' } } });
  });
});
