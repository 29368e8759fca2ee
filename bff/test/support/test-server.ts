// An in-process BFF on an ephemeral port with its own SQLite file: real HTTP, real socket.io.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dmc/shared/events';
import { createApp, type App, type AppSettings } from '../../src/app';
import type { Clock } from '../../src/domain/ports';
import { systemClock } from '../../src/domain/ports';
import { openSqliteStore } from '../../src/persistence';
import { openFsBlobStore } from '../../src/persistence/files/fs-blob-store';
import type { Store } from '../../src/persistence/ports';
import { openSecretKey } from '../../src/secrets/secret-key';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

export interface TestServer {
  baseUrl: string;
  store: Store;
  /** The SQLite file, for tests that change storage behind the app's back. */
  dbFile: string;
  app: App;
  adminToken: string;
  /** fetch against the API with the admin token (or another token). */
  api(method: string, path: string, body?: unknown, token?: string): Promise<Response>;
  registerDevice(devId: string, secret: string, extra?: Record<string, unknown>): Promise<void>;
  login(username: string, password: string): Promise<string>;
  socket(token?: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>>;
  close(): Promise<void>;
}

/** A free loopback port, so URLs put into commands can be known before the app is built. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startTestServer(
  options: { settings?: Partial<AppSettings>; clock?: Clock } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmc-test-'));
  const dbFile = path.join(dir, 'dmc.sqlite');
  const store = await openSqliteStore({ file: dbFile });
  const { key: serverKey } = await openSecretKey({ store, dataDir: dir, configured: undefined });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const settings: AppSettings = {
    publicUrl: baseUrl,
    sessionIdleS: 300,
    maxPackageBytes: 64 * 1024,
    maxCommandsPerPackage: 20,
    maxDeliveries: 5,
    commandTtlS: 3600,
    serverId: 'dmc',
    notifyDeadlineS: 900,
    maxArtifactBytes: 1024 * 1024,
    // Test devices listen on 127.0.0.1 (protocol §12); tests of the push rules turn this off.
    pushAllowPrivate: true,
    ...options.settings,
  };
  const app = createApp({
    store,
    clock: options.clock ?? systemClock,
    log: pino({ level: 'silent' }),
    serverKey,
    settings,
    artifactBlobs: await openFsBlobStore({ dir: path.join(dir, 'artifacts') }),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(port, '127.0.0.1', resolve));
  await app.services.auth.ensureFirstAdmin(ADMIN.username, ADMIN.password);
  const sockets: Socket[] = [];

  async function login(username: string, password: string): Promise<string> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, bearer: true }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  }
  const adminToken = await login(ADMIN.username, ADMIN.password);

  const api: TestServer['api'] = (method, apiPath, body, token = adminToken) =>
    fetch(`${baseUrl}${apiPath}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  return {
    baseUrl,
    store,
    dbFile,
    app,
    adminToken,
    api,
    login,
    async registerDevice(devId, secret, extra = {}) {
      const res = await api('POST', '/api/v1/devices', { devId, secret, ...extra });
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
    },
    async socket(token = adminToken) {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(baseUrl, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.io.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
