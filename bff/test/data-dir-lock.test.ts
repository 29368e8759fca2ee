// One server per data directory (invariant 31): a second real process on the same DMC_DATA_DIR stops
// at once with a message naming the directory and the first process's pid, and the first keeps
// answering; a lock left by a process that died is taken over.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR_LOCK_FILE } from '../src/persistence/data-dir-lock';
import { freePort, startInstance, type Instance } from './support/cluster-support';

/** The pid of a process that has exited (pids are not reused at once). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 999_999;
}

describe('the data-directory lock', () => {
  const dirs: string[] = [];
  const instances: Instance[] = [];
  const env = (dataDir: string) => ({
    DMC_DATA_DIR: dataDir,
    DMC_ADMIN_PASSWORD: 'lock-admin-password',
    DMC_LOG_LEVEL: 'warn',
  });
  const newDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dmc-lock-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(async () => {
    for (const instance of instances) await instance.stop('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stops a second server on the same directory and leaves the first answering', async () => {
    const dataDir = newDir();
    const first = startInstance(await freePort(), env(dataDir));
    instances.push(first);
    await first.whenReady();

    const second = startInstance(await freePort(), env(dataDir));
    instances.push(second);
    const code = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    const said = second.output.join('');
    expect(code).not.toBe(0);
    expect(said).toContain(`the data directory ${dataDir} is in use`);
    expect(said).toContain(`pid ${first.child.pid}`);

    // The first still answers, reads and writes alike.
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'lock-admin-password' }),
    });
    expect(login.status).toBe(200);

    // A graceful stop removes the lock; the directory can then be used again.
    await first.stop('SIGTERM');
    expect(existsSync(path.join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
  }, 90_000);

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = newDir();
    const pid = await deadPid();
    const lockFile = path.join(dataDir, DATA_DIR_LOCK_FILE);
    writeFileSync(lockFile, JSON.stringify({ pid, startedAt: '2026-01-01T00:00:00.000Z', token: 'gone' }));
    const server = startInstance(await freePort(), env(dataDir));
    instances.push(server);
    await server.whenReady();
    const content = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };
    expect(content.pid).toBe(server.child.pid);
  }, 90_000);
});
