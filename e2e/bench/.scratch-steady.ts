// Scratch: BFF CPU per steady-state DM session (known device, one queued GET), SQLite and PostgreSQL.
import http from 'node:http';
import { loadavg } from 'node:os';
import { newDataDir, removeDataDir, startBff, type BffProcess } from './bff-process';
import { createBenchDatabase } from './pg-database';

const DEVICES = Number(process.env.N ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const INFLIGHT = 16;
const FWV = 'urn:oma:mo:oma-dm-devinfo:1.0/d1/FwV';
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const P1 = JSON.stringify({
  MOS: [{ MOID: 'urn:oma:mo:oma-dm-devinfo:1.0', MIID: ['d1'] }],
  Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }],
});

async function session(bff: BffProcess, devId: string, first: boolean): Promise<void> {
  const auth = `Basic ${Buffer.from(`${devId}:secret-0123456789-${devId}`).toString('base64')}`;
  const h = (kind: string) => ({
    'content-type': kind,
    accept: 'application/vnd.oma.dm.request+json',
    'omadm-devid': devId,
    authorization: auth,
  });
  const p2 = await post(`${bff.baseUrl}/dm`, h('application/vnd.oma.dm.initiation+json'), P1);
  if (p2.status !== 200) throw new Error(`P1 ${p2.status} ${p2.body}`);
  const cmd = (JSON.parse(p2.body) as { CMD: string[][] }).CMD;
  const cont = cmd[0]?.[1] ?? '';
  const data = first
    ? [{ ClientURI: 'urn:oma:mo:oma-dm-devinfo:1.0/d1/', MOData: { DevInfo: { DevID: devId, Man: 'Acme', Mod: 'Sim-1', DmV: '2.0', Lang: 'en', DevType: 'gw', OEM: 'Acme', FwV: '1.0', SwV: '1', HwV: 'B' } } }]
    : [{ ClientURI: FWV, MOData: { FwV: `1.${Math.floor(Math.random() * 1000)}` } }];
  const p3 = await post(cont, h('application/vnd.oma.dm.response+json'), JSON.stringify({ Status: [{ sc: 200 }, { sc: 200, Data: data }] }));
  if (p3.status !== 200) throw new Error(`P3 ${p3.status} ${p3.body}`);
}

async function pool<T>(items: T[], work: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: INFLIGHT }, async () => {
    while (i < items.length) await work(items[i++] as T);
  }));
}

async function run(label: string, bff: BffProcess): Promise<number[]> {
  const token = await bff.login();
  const api = (path: string, body: unknown) =>
    post(`${bff.baseUrl}${path}`, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, JSON.stringify(body));
  const ids = Array.from({ length: DEVICES }, (_, i) => `steady-${i}`);
  await pool(ids, async (id) => {
    const r = await api('/api/v1/devices', { devId: id, secret: `secret-0123456789-${id}` });
    if (r.status !== 201) throw new Error(`register ${r.status} ${r.body}`);
    await session(bff, id, true);
  });
  const perSession: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    await pool(ids, async (id) => {
      const r = await api(`/api/v1/devices/${id}/commands`, { command: ['GET', FWV] });
      if (r.status !== 201) throw new Error(`queue ${r.status} ${r.body}`);
    });
    const cpu0 = bff.cpuSeconds();
    const t0 = performance.now();
    await pool(ids, (id) => session(bff, id, false));
    const ms = performance.now() - t0;
    const cpu = (bff.cpuSeconds() - cpu0) * 1000;
    perSession.push(cpu / DEVICES);
    console.log(`${label} round ${round}: ${(cpu / DEVICES).toFixed(3)} ms CPU/session, ${((DEVICES * 1000) / ms).toFixed(0)} sessions/s, load ${loadavg()[0]?.toFixed(2)}`);
  }
  return perSession;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const only = process.env.ONLY;
if (only !== 'pg') {
  const dir = newDataDir('steady');
  const bff = await startBff({ dataDir: dir }, { nodeArgs: process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF}`] : [] });
  try {
    console.log(`sqlite median ${median(await run('sqlite', bff)).toFixed(3)} ms CPU/session`);
  } finally {
    await bff.stop();
    removeDataDir(dir);
  }
}
if (only !== 'sqlite') {
  const db = await createBenchDatabase('steady');
  const dir = newDataDir('steadypg');
  const bff = await startBff({ dataDir: dir, databaseUrl: db.url }, { nodeArgs: process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF}`] : [] });
  try {
    console.log(`postgres median ${median(await run('postgres', bff)).toFixed(3)} ms CPU/session`);
  } finally {
    await bff.stop();
    await db.drop();
    removeDataDir(dir);
  }
}
agent.destroy();
