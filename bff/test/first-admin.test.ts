// The first admin of a new database (protocol §10): DMC_ADMIN_PASSWORD follows the password policy
// of every user, and a password it refuses stops the start with a message naming the variable and
// the rule; a database that already has users keeps them and ignores the variable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startInstance, type Instance } from './support/cluster-support';

const dirs: string[] = [];
const instances: Instance[] = [];
afterEach(async () => {
  await Promise.all(instances.splice(0).map((i) => i.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmc-first-admin-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}

async function start(dir: string, password: string): Promise<Instance> {
  const instance = startInstance(await freePort(), {
    DMC_DATA_DIR: dir,
    DMC_ADMIN_PASSWORD: password,
    DMC_LOG_LEVEL: 'warn',
  });
  instances.push(instance);
  return instance;
}

function login(instance: Instance, password: string): Promise<Response> {
  return fetch(`${instance.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
}

describe('DMC_ADMIN_PASSWORD on a new database', () => {
  it('refuses a common password, naming the variable and the rule', async () => {
    const instance = await start(dataDir(), 'password1234');
    await expect(instance.whenReady()).rejects.toThrow(
      /DMC_ADMIN_PASSWORD cannot be the first admin's password: The password is too common/,
    );
    expect(instance.child.exitCode).toBe(1);
  });

  it('refuses a password shorter than 12 characters', async () => {
    const instance = await start(dataDir(), 'short-pw-11');
    await expect(instance.whenReady()).rejects.toThrow(
      /DMC_ADMIN_PASSWORD cannot be the first admin's password: The password must be 12 to 256/,
    );
    expect(instance.child.exitCode).toBe(1);
  });

  it('creates the admin with a password the policy allows; a later start ignores the variable', async () => {
    const dir = dataDir();
    const first = await start(dir, 'first-admin-pass-9');
    await first.whenReady();
    expect((await login(first, 'first-admin-pass-9')).status).toBe(200);
    await first.stop();

    // The database has its admin: the variable is not read, so a password it would refuse is no problem.
    const again = await start(dir, 'password1234');
    await again.whenReady();
    expect((await login(again, 'first-admin-pass-9')).status).toBe(200);
    expect((await login(again, 'password1234')).status).toBe(401);
  });
});
