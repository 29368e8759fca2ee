// The BFF under test as its own child process (node --import tsx bff/src/main.ts), so its memory and
// CPU are its own. Each start gets a temp data dir unless one is given, and an ephemeral port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiRoutes, bearerLoginResponseSchema } from '@dmc/shared/api';
import { cpuSeconds, rssMiB, sleep } from './stats';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_ADMIN = { username: 'admin', password: 'bench-admin-password' };
/** DMC_SECRET_KEY of the benchmark servers and seeders on PostgreSQL (SQLite uses secret.key). */
export const BENCH_SECRET_KEY = Buffer.alloc(32, 0xbe).toString('base64');

export interface BffTarget {
  /** SQLite lives in `dataDir`; PostgreSQL when `databaseUrl` is set. */
  dataDir: string;
  databaseUrl?: string;
}

export interface BffProcess {
  readonly baseUrl: string;
  readonly pid: number;
  readonly target: BffTarget;
  rssMiB(): number;
  cpuSeconds(): number;
  /** A console bearer token for the admin. */
  login(): Promise<string>;
  stop(): Promise<void>;
}

/** A fresh temp data dir; `removeDataDir` deletes it. */
export function newDataDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `dmc-bench-${label}-`));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitHealthy(baseUrl: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the BFF exited (${child.exitCode}): ${stderr()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the BFF did not become healthy within 60 s: ${stderr()}`);
}

/** `DMC_BENCH_CPU_PROF=<dir>`: every BFF the bench starts writes a CPU profile there as it exits. */
function profilingArgs(): string[] {
  const dir = process.env.DMC_BENCH_CPU_PROF;
  return dir === undefined || dir === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', dir];
}

/** Starts the BFF on `target` with DMC_LOG_LEVEL=warn; resolves once /healthz answers. */
export async function startBff(
  target: BffTarget,
  options: { env?: Record<string, string>; port?: number } = {},
): Promise<BffProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...profilingArgs(), '--import', 'tsx', 'bff/src/main.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      DMC_PORT: String(port),
      DMC_HOST: '127.0.0.1',
      DMC_PUBLIC_URL: baseUrl,
      DMC_DATA_DIR: target.dataDir,
      ...(target.databaseUrl === undefined
        ? {}
        : { DMC_DATABASE_URL: target.databaseUrl, DMC_SECRET_KEY: BENCH_SECRET_KEY }),
      DMC_ADMIN_USER: BENCH_ADMIN.username,
      DMC_ADMIN_PASSWORD: BENCH_ADMIN.password,
      DMC_LOG_LEVEL: 'warn',
      // Simulated devices listen for P0 on 127.0.0.1 (protocol §12).
      DMC_PUSH_ALLOW_PRIVATE: '1',
      ...options.env,
    },
  });
  let errors = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error('the BFF did not start');
  try {
    await waitHealthy(baseUrl, child, () => errors);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    baseUrl,
    pid,
    target,
    rssMiB: () => rssMiB(pid),
    cpuSeconds: () => cpuSeconds(pid),
    login: () => login(baseUrl),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}

export async function login(baseUrl: string): Promise<string> {
  const res = await fetch(new URL(apiRoutes.login, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...BENCH_ADMIN, bearer: true }),
  });
  if (!res.ok) throw new Error(`login failed: HTTP ${res.status}`);
  const body = bearerLoginResponseSchema.parse(await res.json());
  return body.token;
}
