// Helpers for tests that drive the real simulator (@dmc/sim) against an in-process BFF.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  alertPageSchema,
  apiRoutes,
  commandRecordSchema,
  deviceSchema,
  deviceTreeSchema,
  queuedCommandSchema,
  type AlertPage,
  type CommandRecord,
  type Device,
  type DeviceTree,
} from '@dmc/shared/api';
import type { TestServer } from './test-server';

async function readJson(res: Response, what: string, expected = 200): Promise<unknown> {
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${what}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** Queues a command through the console API (201) and returns its id. */
export async function queueCommand(server: TestServer, devId: string, input: unknown): Promise<string> {
  const res = await server.api('POST', apiRoutes.deviceCommands(devId), input);
  return queuedCommandSchema.parse(await readJson(res, 'queue command', 201)).id;
}

export async function getCommand(server: TestServer, id: string): Promise<CommandRecord> {
  return commandRecordSchema.parse(await readJson(await server.api('GET', apiRoutes.command(id)), 'command'));
}

export async function getTree(server: TestServer, devId: string): Promise<DeviceTree> {
  return deviceTreeSchema.parse(await readJson(await server.api('GET', apiRoutes.deviceTree(devId)), 'tree'));
}

export async function getDevice(server: TestServer, devId: string): Promise<Device> {
  return deviceSchema.parse(await readJson(await server.api('GET', apiRoutes.device(devId)), 'device'));
}

export async function listAlerts(server: TestServer, devId: string): Promise<AlertPage> {
  const res = await server.api('GET', `${apiRoutes.alerts}?devId=${encodeURIComponent(devId)}`);
  return alertPageSchema.parse(await readJson(res, 'alerts'));
}

/** The stored value of one node; undefined when the tree has no such node. */
export function nodeValue(
  tree: DeviceTree,
  moid: string,
  miid: string,
  path: string,
): string | null | undefined {
  const instance = tree.instances.find((i) => i.moid === moid && i.miid === miid);
  return instance?.nodes.find((n) => n.path === path)?.value;
}

/** Paths of the stored nodes of one instance that sit at or below `prefix`. */
export function nodePathsUnder(tree: DeviceTree, moid: string, miid: string, prefix: string): string[] {
  const instance = tree.instances.find((i) => i.moid === moid && i.miid === miid);
  return (instance?.nodes ?? []).map((n) => n.path).filter((p) => p === prefix || p.startsWith(`${prefix}/`));
}

/** A promise with its resolver, to hold a response until the test lets it go. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export interface FileServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  /** Serves `bytes` at `path`, after `hold` resolves when given. */
  serve(path: string, bytes: Buffer | string, hold?: Promise<void>): string;
  close(): Promise<void>;
}

/** A tiny download server (firmware and software packages) on an ephemeral loopback port. */
export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, { bytes: Buffer; hold: Promise<void> | undefined }>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const file = files.get(path);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    void (file.hold ?? Promise.resolve()).then(() => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(file.bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    serve(path, bytes, hold) {
      files.set(path, { bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), hold });
      return `${url}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
