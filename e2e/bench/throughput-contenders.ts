// The servers benchmark 1 compares, each in processes of its own: the null server, and dmc on SQLite,
// on PostgreSQL, and on PostgreSQL + Redis with one or several instances sharing the database. A dmc
// contender's devices are seeded as steady-state devices: real credentials, DevInfo already reported
// (so dmc runs no first-contact inventory), and before every round one GET of BENCH_GET_URI queued per
// device through the seeding entry, the rows the command service writes for
// `POST /api/v1/devices/:devId/commands` (no push URL, so no notification is opened).
import { newDataDir, removeDataDir, startBff, type BffProcess } from './bff-process';
import { BENCH_GET_URI, type LeanResult } from './lean-client';
import { spawnNullServer } from './null-server';
import { createBenchDatabase } from './pg-database';
import { BENCH_REDIS_URL, benchRedisPrefix } from './redis';
import type { ProfileRow, SeedNode } from '@dmc/bff/seeding';
import { openSeeder, type Seeder } from './seed';
import { rssMiB } from './stats';

export type ContenderKind = 'null' | 'sqlite' | 'postgres' | 'redis';

export interface Contender {
  readonly name: string;
  readonly kind: ContenderKind;
  readonly instances: number;
  /** Where P1s go, in turn (each instance's `/dm`). */
  readonly urls: readonly string[];
  /** The server processes, whose CPU is read from /proc. */
  readonly pids: readonly number[];
  /** The PostgreSQL database, whose backends' CPU is read from /proc. */
  readonly database?: string;
  /** Queues the round's GET for every device (the null server asks for it itself). */
  prepare(): Promise<void>;
  /** Resident memory of the server processes, summed. */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** One timed round of a contender. */
export interface RoundResult extends LeanResult {
  /** CPU of the server processes over the round. */
  serverCpuSeconds: number;
  /** CPU of the PostgreSQL backends of the contender's database over the round. */
  postgresCpuSeconds?: number;
  /** Backends that exited during the round (their CPU is missing from postgresCpuSeconds). */
  postgresExited?: number;
}

export interface ContenderRun {
  contender: Contender;
  rounds: RoundResult[];
}

export async function startNullContender(): Promise<Contender> {
  const server = await spawnNullServer();
  return {
    name: 'null server',
    kind: 'null',
    instances: 1,
    urls: [`${server.url}/dm`],
    pids: [server.pid],
    prepare: () => Promise.resolve(),
    rssMiB: () => rssMiB(server.pid),
    stop: () => server.stop(),
  };
}

export interface DmcOptions {
  kind: Exclude<ContenderKind, 'null'>;
  /** Instances sharing the database (PostgreSQL + Redis only). */
  instances?: number;
  /** Devices `<prefix>-0001…`, seeded as steady-state devices. */
  prefix: string;
  devices: number;
  /** The contender's name when it differs from its engine's (`dmcName`). */
  name?: string;
  /** Nodes every device holds besides its DevInfo. */
  nodes?: readonly SeedNode[];
  /** Configuration profiles stored before the server starts (benchmark 11). */
  profiles?: readonly ProfileRow[];
}

export function dmcName(kind: DmcOptions['kind'], instances = 1): string {
  if (kind === 'sqlite') return 'SQLite';
  if (kind === 'postgres') return 'PostgreSQL';
  return `PostgreSQL + Redis, ${instances} instance${instances === 1 ? '' : 's'}`;
}

/** Seeds a fresh database, then starts dmc on it (one process per instance, one after another). */
export async function startDmcContender(options: DmcOptions): Promise<Contender> {
  const instances = options.kind === 'redis' ? (options.instances ?? 1) : 1;
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const done of cleanups.reverse()) await done();
  };
  try {
    const dataDirs = Array.from({ length: instances }, () => newDataDir('tput'));
    cleanups.push(() => Promise.resolve(dataDirs.forEach(removeDataDir)));
    const db = options.kind === 'sqlite' ? undefined : await createBenchDatabase('tput');
    if (db !== undefined) cleanups.push(() => db.drop());
    const target = (dir: string) => ({ dataDir: dir, ...(db === undefined ? {} : { databaseUrl: db.url }) });
    // Opened before the server takes the data directory; kept open to queue each round's commands.
    const seeder: Seeder = await openSeeder(target(dataDirs[0] ?? ''));
    cleanups.push(() => seeder.close());
    const devIds = await seeder.devices({
      prefix: options.prefix,
      count: options.devices,
      credentials: true,
      reported: true,
      ...(options.nodes === undefined ? {} : { nodes: options.nodes }),
    });
    if (options.profiles !== undefined) await seeder.profiles(options.profiles);
    await seeder.analyze();
    const env =
      options.kind === 'redis'
        ? { DMC_REDIS_URL: BENCH_REDIS_URL, DMC_REDIS_PREFIX: benchRedisPrefix() }
        : {};
    const bffs: BffProcess[] = [];
    for (const dir of dataDirs) {
      const bff = await startBff(target(dir), { env });
      bffs.push(bff);
      cleanups.push(() => bff.stop());
    }
    return {
      name: options.name ?? dmcName(options.kind, instances),
      kind: options.kind,
      instances,
      urls: bffs.map((b) => `${b.baseUrl}/dm`),
      pids: bffs.map((b) => b.pid),
      ...(db === undefined ? {} : { database: db.name }),
      prepare: () => seeder.queue(devIds, ['GET', BENCH_GET_URI]),
      rssMiB: () => bffs.reduce((sum, b) => sum + b.rssMiB(), 0),
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
