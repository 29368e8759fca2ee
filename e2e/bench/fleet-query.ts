// npm run bench:fleet -- [--data-dir ./data] [--devices 100000] [--requests 50]
// Times the console's first device-list page (filtered by a fleet query, sorted) through the API
// against a seeded database: starts the BFF on that data dir, prints p50/p95 per query. With
// --devices it seeds first (idempotent: existing devices are kept).
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiRoutes, devicePageSchema } from '@dmc/shared/api';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN = { username: 'admin', password: process.env.DMC_ADMIN_PASSWORD ?? 'bench-admin-password' };
const WARM_UP = 5;

/** What an operator asks of a big fleet: the list's first page (limit 100, as the console loads it). */
const SCENARIOS: readonly { name: string; params: Record<string, string> }[] = [
  { name: 'no filter, by devId', params: { sort: 'devId' } },
  {
    name: 'issue example, by last contact',
    params: { query: 'Mod = "Sim-1" AND FwV < "2.0" AND lastSeen > -1h', sort: 'lastSeenAt', order: 'desc' },
  },
  {
    name: 'label AND last day, by firmware',
    params: { query: 'label = "eu-west" AND lastSeen > -1d', sort: 'fwVersion' },
  },
  { name: 'tree value (FUMO State), by devId', params: { query: '@FUMO/State != 10', sort: 'devId' } },
  {
    name: 'IN + NOT + contains, by model',
    params: { query: 'Man IN ("Acme", "Globex") AND NOT Mod ~ "mini"', sort: 'model' },
  },
  { name: 'free text q, by last contact', params: { q: 'NW-2', sort: 'lastSeenAt', order: 'desc' } },
];

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitForHealth(baseUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the BFF did not become healthy within 60 s');
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dataDir = path.resolve(arg('data-dir', './data'));
  const requests = Number(arg('requests', '50'));
  const devices = arg('devices', '');
  if (devices !== '') {
    const seeded = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/src/seed/seed.ts', '--devices', devices, '--data-dir', dataDir],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (seeded.status !== 0) throw new Error('seeding failed');
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bff/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      DMC_PORT: String(port),
      DMC_HOST: '127.0.0.1',
      DMC_DATA_DIR: dataDir,
      DMC_ADMIN_PASSWORD: ADMIN.password,
      DMC_DEMO_DEVICES: '0',
      DMC_LOG_LEVEL: 'warn',
    },
  });
  try {
    await waitForHealth(baseUrl);
    const login = await fetch(`${baseUrl}${apiRoutes.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ADMIN, bearer: true }),
    });
    if (!login.ok)
      throw new Error(
        `login failed (${login.status}): set DMC_ADMIN_PASSWORD to this database's admin password`,
      );
    const { token } = (await login.json()) as { token?: unknown };
    if (typeof token !== 'string') throw new Error('login answered without a bearer token');
    console.log(`Fleet list, first page (limit 100), ${requests} requests each, SQLite at ${dataDir}`);
    console.log(
      `${'query'.padEnd(38)} ${'matches'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    );
    for (const scenario of SCENARIOS) {
      const url = `${baseUrl}${apiRoutes.devices}?${new URLSearchParams({ limit: '100', ...scenario.params }).toString()}`;
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < WARM_UP + requests; i += 1) {
        const started = performance.now();
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        const page = devicePageSchema.parse(await res.json());
        if (i >= WARM_UP) times.push(performance.now() - started);
        total = page.total;
      }
      times.sort((a, b) => a - b);
      const cells = [percentile(times, 50), percentile(times, 95), times.at(-1) ?? Number.NaN].map((t) =>
        t.toFixed(1).padStart(8),
      );
      console.log(`${scenario.name.padEnd(38)} ${String(total).padStart(8)} ${cells.join(' ')}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
