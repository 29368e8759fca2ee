import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeAllPersistenceContracts } from './contract';
import { makeDevice } from './contract/fixtures';
import { openSqliteStore } from './sqlite';

describeAllPersistenceContracts('sqlite', () => openSqliteStore({ file: ':memory:' }));

describe('openSqliteStore with a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dmc-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the data directory, writes through WAL and keeps data across reopen', async () => {
    const file = join(dir, 'nested', 'data', 'dmc.sqlite');
    const first = await openSqliteStore({ file });
    expect(first.engine).toBe('sqlite');
    expect(await first.devices.create(makeDevice('d1', { labels: ['lab'] }))).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(true);
    await first.close();

    const second = await openSqliteStore({ file });
    expect((await second.devices.find('d1'))?.labels).toEqual(['lab']);
    await second.close();
  });

  it('runs the contract suites on a file as well', async () => {
    const store = await openSqliteStore({ file: join(dir, 'contract.sqlite') });
    await store.transaction(async (repos) => {
      await repos.devices.create(makeDevice('d2'));
    });
    expect((await store.devices.list({ sort: 'devId', order: 'asc', limit: 5 })).total).toBe(1);
    await store.close();
  });
});
