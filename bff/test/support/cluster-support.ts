// Real dmc processes on a throwaway PostgreSQL database and a Redis channel prefix of their own,
// for tests of several instances. Nothing here touches the machine's servers beyond creating and
// dropping that database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { decodeP0 } from '@dmc/shared/protocol';
import type { SimDevice } from '@dmc/sim';
import { pino } from 'pino';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dmc/shared/events';
import { createApp, type App, type AppSettings } from '../../src/app';
import { systemClock } from '../../src/domain/ports';
import { openFsBlobStore } from '../../src/persistence/files/fs-blob-store';
import type { Store } from '../../src/persistence/ports';
import type { RedisLink } from '../../src/realtime/redis-link';
import type { StorageCheck } from '../../src/observability/readiness';
import { openSecretKey } from '../../src/secrets/secret-key';

export const PG_BASE_URL = process.env.DMC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.DMC_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const IS_REQUIRED = process.env.DMC_TEST_REQUIRE_PG === '1';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../..', import.meta.url));

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** Whether PostgreSQL and Redis answer; throws instead when DMC_TEST_REQUIRE_PG=1. */
export async function clusterServicesAvailable(): Promise<boolean> {
  let ok: boolean;
  try {
    await withClient(PG_BASE_URL, (c) => c.query('select 1'));
    ok = await redisAnswers(REDIS_URL);
  } catch {
    ok = false;
  }
  if (!ok && IS_REQUIRED)
    throw new Error(`PostgreSQL (${PG_BASE_URL}) and Redis (${REDIS_URL}) are required`);
  return ok;
}

export function databaseUrl(name: string): string {
  const url = new URL(PG_BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(): Promise<string> {
  const name = `dmc_test_${randomBytes(6).toString('hex')}`;
  await withClient(PG_BASE_URL, (c) => c.query(`create database "${name}"`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await withClient(PG_BASE_URL, (c) => c.query(`drop database if exists "${name}" with (force)`));
}

export async function query<R extends pg.QueryResultRow>(database: string, text: string): Promise<R[]> {
  return withClient(databaseUrl(database), async (c) => (await c.query<R>(text)).rows);
}

export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface Instance {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** What the process printed, for failure messages. */
  readonly output: string[];
  whenReady(timeoutMs?: number): Promise<void>;
  /** Signals the process and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node --import tsx bff/src/main.ts` with the given DMC_* variables. */
export function startInstance(port: number, env: Record<string, string>): Instance {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', ...env, DMC_PORT: String(port), DMC_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    child,
    output,
    async whenReady(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`instance exited: ${output.join('')}`);
        const ok = await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`instance on ${port} not ready: ${output.join('')}`);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface CountingPushServer {
  readonly url: string;
  /** P0s received per `${devId}#${notificationId}`. */
  readonly received: Map<string, number>;
  /** Sessions started by accepted P0s, still running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The devices' push endpoint (POST /push/:devId): counts every P0 by device and NOTIFICATION-ID,
 * then lets the simulated device judge it (202 and a session, or 401). `delayMs` spreads sessions.
 */
export async function startCountingPushServer(
  devices: ReadonlyMap<string, SimDevice>,
  delayMs: () => number,
): Promise<CountingPushServer> {
  const received = new Map<string, number>();
  const sessions = new Set<Promise<unknown>>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const devId = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const device = devices.get(devId);
      const bytes = new Uint8Array(Buffer.concat(chunks));
      const decoded = decodeP0(bytes);
      if (!device || !decoded.ok) {
        res.writeHead(404).end();
        return;
      }
      const key = `${devId}#${decoded.value.notificationId ?? 'none'}`;
      received.set(key, (received.get(key) ?? 0) + 1);
      void device.receiveNotification(bytes).then((verdict) => {
        res.writeHead(verdict.kind === 'rejected' ? 401 : 202).end();
        if (verdict.kind !== 'accepted') return;
        const session = new Promise((resolve) => setTimeout(resolve, delayMs())).then(() => verdict.run());
        sessions.add(session);
        void session.finally(() => sessions.delete(session));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async idle() {
      while (sessions.size > 0) await Promise.allSettled([...sessions]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Signs in on a running instance; returns the bearer token. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, bearer: true }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export interface ConsoleClient {
  /** A console API call to `instance` with the current token. */
  api: (instance: { url: string }, method: string, route: string, body?: unknown) => Promise<Response>;
  /** A connected socket.io client on `instance`; closed by closeSockets(). */
  socket: (instance: { url: string }) => Promise<ConsoleSocket>;
  closeSockets: () => void;
}

/**
 * What a console does against one or more instances, signed in with `token()`. Sockets to processes
 * a test kills should not reconnect (`reconnect: false`), or they would come back as second sockets.
 */
export function consoleClient(token: () => string, options: { reconnect?: boolean } = {}): ConsoleClient {
  const sockets: ConsoleSocket[] = [];
  return {
    api: (instance, method, route, body) =>
      fetch(`${instance.url}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${token()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    socket: async (instance) => {
      const socket: ConsoleSocket = ioClient(instance.url, {
        auth: { token: token() },
        transports: ['websocket'],
        forceNew: true,
        reconnection: options.reconnect ?? true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    closeSockets: () => {
      for (const socket of sockets.splice(0)) socket.disconnect();
    },
  };
}

export interface InProcessApp {
  readonly url: string;
  readonly app: App;
  api(method: string, route: string, body?: unknown): Promise<Response>;
  socket(): Promise<ConsoleSocket>;
  close(): Promise<void>;
}

/** The DMC_SECRET_KEY of every test cluster (instances on one database must share it). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 0x5e);

/** An in-process app on an ephemeral port over a given store (and Redis link), signed in as admin. */
export async function startAppWith(
  store: Store,
  options: {
    redis?: RedisLink;
    instanceId?: string;
    metricsToken?: string;
    storage?: StorageCheck;
    settings?: Partial<AppSettings>;
  } = {},
): Promise<InProcessApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmc-app-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = createApp({
    store,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    // Every instance of a test cluster shares the one DMC_SECRET_KEY, as in production.
    serverKey: (await openSecretKey({ store, dataDir: dir, configured: TEST_SECRET_KEY })).key,
    artifactBlobs: await openFsBlobStore({ dir: path.join(dir, 'artifacts') }),
    ...(options.redis ? { redis: options.redis } : {}),
    instanceId: options.instanceId ?? 'test',
    ...(options.metricsToken === undefined ? {} : { metricsToken: options.metricsToken }),
    ...(options.storage ? { storage: options.storage } : {}),
    settings: {
      publicUrl: url,
      sessionIdleS: 300,
      maxPackageBytes: 64 * 1024,
      maxCommandsPerPackage: 20,
      maxDeliveries: 5,
      commandTtlS: 3600,
      serverId: 'dmc',
      notifyDeadlineS: 900,
      maxArtifactBytes: 1024 * 1024,
      // Test devices listen on 127.0.0.1 (protocol §12).
      pushAllowPrivate: true,
      ...options.settings,
    },
  });
  await new Promise<void>((resolve) => app.httpServer.listen(port, '127.0.0.1', resolve));
  await app.services.auth.ensureFirstAdmin('admin', 'admin-password-1');
  const token = await signIn(url, 'admin', 'admin-password-1');
  const client = consoleClient(() => token);
  const self = { url };
  return {
    url,
    app,
    api: (method, route, body) => client.api(self, method, route, body),
    socket: () => client.socket(self),
    async close() {
      client.closeSockets();
      await app.io.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
