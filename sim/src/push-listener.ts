import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { P0_CONTENT_TYPE } from '@dmc/shared/protocol';
import type { SessionSummary, SimDevice } from './device';

export interface PushListenerOptions {
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** 0 (default) = an ephemeral port. */
  port?: number;
  /** Base of the advertised push URLs when the server reaches devices at another address. */
  publicUrl?: string;
  /** Starts the session an accepted P0 asks for (default: `run()` at once); resolves when it ends. */
  startSession?: (device: SimDevice, run: () => Promise<SessionSummary>) => Promise<unknown>;
  log?: (line: string) => void;
}

/** One HTTP server receiving P0 for a whole fleet: POST /push/:devId (protocol §6, HTTP bearer). */
export interface PushListener {
  /** Resolves once the server listens; rejects when it cannot (e.g. port in use). */
  readonly listening: Promise<void>;
  /** The push URL of a device; throws before `listening` resolved unless a fixed port was given. */
  url(devId: string): string;
  attach(device: SimDevice): void;
  detach(devId: string): void;
  /** Resolves when every session started by an accepted P0 so far has ended. */
  idle(): Promise<void>;
  /** Stops listening, then waits for the sessions already started (idle()). */
  close(): Promise<void>;
}

// A P0 is at most a few KiB: header, 4095-byte SERVER-ID and the fixed options.
const MAX_BODY_BYTES = 8192;
const PUSH_PATH = /^\/push\/([^/]+)$/;

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads the body; undefined when it exceeds the limit (the rest is drained). */
async function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : new Uint8Array(Buffer.concat(chunks));
}

function send(res: ServerResponse, status: number, text = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

export function createPushListener(options: PushListenerOptions = {}): PushListener {
  const host = options.host ?? '127.0.0.1';
  const devices = new Map<string, SimDevice>();
  const inFlight = new Set<Promise<unknown>>();
  const log = (line: string): void => options.log?.(`[push] ${line}`);
  const startSession =
    options.startSession ?? ((_device: SimDevice, run: () => Promise<SessionSummary>) => run());

  const track = (work: Promise<unknown>): void => {
    const tracked = work.catch((e: unknown) => log(`session failed: ${String(e)}`));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = PUSH_PATH.exec((req.url ?? '/').split('?')[0] ?? '');
    let devId: string | undefined;
    try {
      devId = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
    } catch {
      devId = undefined;
    }
    const device = devId === undefined ? undefined : devices.get(devId);
    if (device === undefined) {
      req.resume();
      return send(res, 404, 'unknown device');
    }
    if (req.method !== 'POST') {
      req.resume();
      return send(res, 405, 'POST a P0', { Allow: 'POST' });
    }
    if (mediaType(req) !== P0_CONTENT_TYPE) {
      req.resume();
      return send(res, 415, `Content-Type must be ${P0_CONTENT_TYPE}`);
    }
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, 'a P0 is at most 8 KiB');
    const verdict = await device.receiveNotification(body);
    switch (verdict.kind) {
      case 'accepted': {
        // protocol §6: answer 202 first, then open the session.
        const { run } = verdict;
        track(new Promise((resolve) => res.once('close', resolve)).then(() => startSession(device, run)));
        return send(res, 202);
      }
      case 'duplicate':
        return send(res, 202);
      case 'rejected':
        return send(res, verdict.reason === 'malformed' ? 400 : 401, verdict.error);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`request failed: ${String(e)}`);
      if (!res.headersSent) send(res, 500);
      else res.destroy();
    });
  });

  let address: AddressInfo | undefined;
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      address = server.address() as AddressInfo;
      resolve();
    });
  });
  // Whoever awaits `listening` sees a failure; nobody awaiting it must not crash the process.
  listening.catch(() => undefined);

  const base = (): string => {
    if (options.publicUrl !== undefined) return options.publicUrl.replace(/\/+$/, '');
    const port =
      address?.port ?? (options.port === undefined || options.port === 0 ? undefined : options.port);
    if (port === undefined) throw new Error('the push listener is not listening yet');
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  };

  const idle = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  let closed: Promise<void> | undefined;
  return {
    listening,
    url: (devId) => `${base()}/push/${encodeURIComponent(devId)}`,
    attach: (device) => void devices.set(device.devId, device),
    detach: (devId) => void devices.delete(devId),
    idle,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(idle);
      return closed;
    },
  };
}
