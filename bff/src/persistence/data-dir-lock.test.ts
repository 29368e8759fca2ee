import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_DIR_LOCK_FILE, DataDirLockedError, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = () => (dir = mkdtempSync(path.join(tmpdir(), 'dmc-lock-unit-')));

  it('refuses a directory held by a live process, naming it and the pid', () => {
    fresh();
    // The parent of this test process is alive for as long as the test runs.
    const holder = lockDataDir(dir, { pid: process.ppid });
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(`${dir} is in use by another dmc process (pid ${process.ppid}`);
    } finally {
      holder.release();
    }
  });

  it('takes over a lock whose pid is gone, and a half-written one', async () => {
    fresh();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    const file = path.join(dir, DATA_DIR_LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: child.pid, startedAt: 'x', token: 'old' }));
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();

    writeFileSync(file, '{"pid": 12');
    lockDataDir(dir).release();
    expect(existsSync(file)).toBe(false);
  });

  it('release removes only its own lock', () => {
    fresh();
    const lock = lockDataDir(dir);
    const file = path.join(dir, DATA_DIR_LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: process.ppid, startedAt: 'x', token: 'someone-else' }));
    lock.release();
    expect(existsSync(file)).toBe(true);
  });
});
