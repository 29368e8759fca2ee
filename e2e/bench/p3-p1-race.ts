// Benchmark 8: the P3/P1 race of issue 12. One device sends the P3 of its open session and its next
// P1 at the same moment, 40 rounds, two new commands queued before each. Counts the answers that
// were 5xx (target 0: a P3 that loses is answered 404, protocol §3), how the P3s were answered,
// and after draining the last session whether every command has exactly one recorded status.
// On PostgreSQL (the engine where the race broke) and on SQLite for comparison.
import { apiRoutes } from '@dmc/shared/api';
import { DEVID_HEADER, MEDIA_TYPES } from '@dmc/shared/protocol';
import { newDataDir, removeDataDir, startBff, type BffTarget } from './bff-process';
import { api } from './console-client';
import type { BenchContext, Figure } from './figures';
import { createBenchDatabase } from './pg-database';

const ROUNDS = 40;
const COMMANDS_PER_ROUND = 2;
const DEV = 'race-bench-1';
const SECRET = 'race-bench-secret-0123456789';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0/d1/DevInfo';

type Wire = readonly string[];
interface Answer {
  status: number;
  commands: Wire[];
  isEnd: boolean;
}

function dmClient(baseUrl: string) {
  const authorization = `Basic ${Buffer.from(`${DEV}:${SECRET}`).toString('base64')}`;
  const post = async (url: string, kind: 'initiation' | 'response', body: unknown): Promise<Answer> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': MEDIA_TYPES[kind],
        accept: MEDIA_TYPES.request,
        [DEVID_HEADER]: DEV,
        authorization,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const cmd = res.ok ? (JSON.parse(text) as { CMD?: Wire[] }).CMD : undefined;
    const all = Array.isArray(cmd) ? cmd : [];
    return {
      status: res.status,
      commands: all.filter((c) => c[0] !== 'END'),
      isEnd: all.some((c) => c[0] === 'END'),
    };
  };
  const devInfo = [
    {
      ClientURI: 'urn:oma:mo:oma-dm-devinfo:1.0/d1/',
      MOData: { DevInfo: { DevID: DEV, Man: 'Acme', Mod: 'Race-1', DmV: '2.0', Lang: 'en' } },
    },
  ];
  return {
    p1: () =>
      post(`${baseUrl}/dm`, 'initiation', {
        MOS: [{ MOID: 'urn:oma:mo:oma-dm-devinfo:1.0', MIID: ['d1'] }],
        Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }],
      }),
    p3: (url: string, answered: readonly Wire[]) =>
      post(url, 'response', {
        Status: answered.map((c) => (c[0] === 'GET' ? { sc: 200, Data: devInfo } : { sc: 200 })),
      }),
  };
}

export interface RaceResult {
  serverErrors: number;
  p3: Map<number, number>;
  commands: number;
  recordedOnce: number;
}

/** The race against a running server whose console API `token` may register devices. */
export async function raceOverHttp(baseUrl: string, token: string): Promise<RaceResult> {
  const call = api(baseUrl, token);
  const registered = await call('POST', apiRoutes.devices, { devId: DEV, secret: SECRET });
  if (registered.status !== 201) throw new Error(`registering the device answered ${registered.status}`);
  let next = 0;
  const queue = async () => {
    for (let i = 0; i < COMMANDS_PER_ROUND; i += 1) {
      const uri = `${DEVINFO}/Ext/c${(next += 1)}`;
      const res = await call('POST', `${apiRoutes.devices}/${DEV}/commands`, { command: ['GET', uri] });
      if (res.status !== 201) throw new Error(`queueing a command answered ${res.status}`);
    }
  };
  const dm = dmClient(baseUrl);
  const open = async () => {
    const p1 = await dm.p1();
    if (p1.status !== 200) throw new Error(`a P1 alone answered ${p1.status}`);
    return p1;
  };
  const result: RaceResult = { serverErrors: 0, p3: new Map(), commands: 0, recordedOnce: 0 };
  await queue();
  let session = await open();
  for (let round = 0; round < ROUNDS; round += 1) {
    await queue();
    const contUrl = session.commands[0]?.[1] ?? '';
    const [p3, p1] = await Promise.all([dm.p3(contUrl, session.commands), dm.p1()]);
    result.serverErrors += (p3.status >= 500 ? 1 : 0) + (p1.status >= 500 ? 1 : 0);
    result.p3.set(p3.status, (result.p3.get(p3.status) ?? 0) + 1);
    session = p1.status === 200 ? p1 : await open();
  }
  // Drain the last session; then every command should be ok, recorded once.
  const contUrl = session.commands[0]?.[1] ?? '';
  for (let answered = session.commands; answered.length > 0;) {
    const res = await dm.p3(contUrl, answered);
    if (res.status !== 200 || res.isEnd) break;
    answered = res.commands;
  }
  const list = await call('GET', `${apiRoutes.devices}/${DEV}/commands?limit=500`);
  const items = (list.json as { items: { state: string; sc: number | null }[] }).items;
  result.commands = next;
  result.recordedOnce = items.filter((c) => c.state === 'ok' && c.sc === 200).length;
  return result;
}

async function runRace(target: BffTarget): Promise<RaceResult> {
  const bff = await startBff(target);
  try {
    return await raceOverHttp(bff.baseUrl, await bff.login());
  } finally {
    await bff.stop();
  }
}

function figure(engine: string, r: RaceResult): Figure {
  const p3 = [...r.p3].map(([status, n]) => `${status} ×${n}`).join(', ');
  return {
    bench: 8,
    label: `P3/P1 race, ${ROUNDS} rounds, ${engine}: 5xx answers`,
    value: r.serverErrors,
    unit: '',
    target: { op: '<', value: 1 },
    note: `P3 answered ${p3}; ${r.recordedOnce} of ${r.commands} commands ok, status recorded once`,
  };
}

export async function benchP3P1Race(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  const engines: { name: string; open: () => Promise<{ target: BffTarget; done: () => Promise<void> }> }[] =
    [];
  if (ctx.postgres) {
    engines.push({
      name: 'PostgreSQL',
      open: async () => {
        const dataDir = newDataDir('race-pg');
        const db = await createBenchDatabase('race');
        return {
          target: { dataDir, databaseUrl: db.url },
          done: async () => {
            await db.drop();
            removeDataDir(dataDir);
          },
        };
      },
    });
  }
  engines.push({
    name: 'SQLite',
    open: () => {
      const dataDir = newDataDir('race');
      return Promise.resolve({ target: { dataDir }, done: () => Promise.resolve(removeDataDir(dataDir)) });
    },
  });
  for (const engine of engines) {
    const { target, done } = await engine.open();
    try {
      const f = figure(engine.name, await runRace(target));
      ctx.log(`  ${engine.name}: ${f.value} answers 5xx in ${ROUNDS} rounds; ${f.note ?? ''}`);
      figures.push(f);
    } finally {
      await done();
    }
  }
  return figures;
}
