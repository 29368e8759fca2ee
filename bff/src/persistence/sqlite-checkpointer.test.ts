// The WAL checkpointer: a worker thread with its own connection copies the WAL into the database
// file, so the server's COMMITs stay appends; the database closes cleanly after it.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startSqliteCheckpointer } from './sqlite-checkpointer';
import { openSqliteStore } from './sqlite';

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SQLite WAL checkpointer', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dmc-checkpointer-'));
    file = path.join(dir, 'db.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the WAL into the database file off the writer, which never checkpoints itself', async () => {
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table blobs (id integer primary key, body blob)');
    const insert = db.prepare('insert into blobs (body) values (?)');
    for (let i = 0; i < 64; i += 1) insert.run(Buffer.alloc(32 * 1024, i));
    // Two MiB are in the WAL and none of it in the database file.
    const before = statSync(file).size;
    expect(before).toBeLessThan(64 * 1024);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(2 * 1024 * 1024);

    const checkpointer = startSqliteCheckpointer({ file, busyTimeoutMs: 1_000 });
    try {
      await until(() => statSync(file).size > 2 * 1024 * 1024, 'the database file to hold the WAL');
      expect(await checkpointer.checkpoints()).toBeGreaterThan(0);
      // The writer goes on while the worker runs: later writes are copied too.
      for (let i = 0; i < 64; i += 1) insert.run(Buffer.alloc(32 * 1024, i));
      await until(() => statSync(file).size > 4 * 1024 * 1024, 'the later writes to be copied');
    } finally {
      await checkpointer.stop();
    }
    expect(await checkpointer.checkpoints()).toBe(0);
    expect(db.prepare('select count(*) as n from blobs').get()).toEqual({ n: 128 });
    db.close();
    // The last connection to close removes the WAL: the worker's was closed first.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('runs beside the server store: writes land, the WAL grows no further than its bound, close leaves no WAL', async () => {
    const store = await openSqliteStore({ file, backgroundCheckpoints: true });
    const value = 'v'.repeat(16 * 1024);
    for (let i = 0; i < 300; i += 1) await store.settings.put(`key-${i % 50}`, `${i}:${value}`);
    // About 5 MiB went through the WAL; the worker copies it while the store keeps writing.
    await until(() => statSync(file).size > 512 * 1024, 'the database file to take the writes');
    expect(statSync(`${file}-wal`).size).toBeLessThan(FALLBACK_AUTOCHECKPOINT_PAGES * 4096);
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = await openSqliteStore({ file });
    try {
      expect(await reopened.settings.get('key-49')).toBe(`299:${value}`);
    } finally {
      await reopened.close();
    }
  });

  it('still leaves no copy of a removed setting in the files while the worker checkpoints', async () => {
    const store = await openSqliteStore({ file, backgroundCheckpoints: true });
    try {
      const secret = 'removed-secret-7f3a9c';
      for (let round = 0; round < 20; round += 1) {
        // Writes keep the worker copying while the setting is removed.
        const filler = Array.from({ length: 20 }, (_, i) =>
          store.settings.put(`fill-${i}`, 'x'.repeat(4096)),
        );
        await Promise.all([...filler, store.settings.put(`secret-${round}`, secret)]);
        await store.settings.remove(`secret-${round}`);
        const bytes = Buffer.concat(
          [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
        );
        expect(bytes.includes(secret)).toBe(false);
      }
    } finally {
      await store.close();
    }
  });

  it('says so when the worker ends without being stopped, so the connection checkpoints itself again', async () => {
    const errors: string[] = [];
    let lost = false;
    // No database at this path: the worker cannot open it and ends.
    const checkpointer = startSqliteCheckpointer({
      file: path.join(dir, 'missing.sqlite'),
      busyTimeoutMs: 100,
      onError: (message) => errors.push(message),
      onLost: () => {
        lost = true;
      },
    });
    await until(() => lost, 'the lost worker to be reported');
    expect(errors.join(' ')).toMatch(/^cannot open the database: .+/);
    expect(await checkpointer.checkpoints()).toBe(0);
    await checkpointer.stop();
  });
});
