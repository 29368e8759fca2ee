// A small round-robin HTTP proxy for local trials and tests of several instances (production uses
// a real load balancer, see docs/deployment.md). Each request goes to the next instance that
// accepts a connection, so a dead instance is skipped without losing the request: only refused
// connections are retried (nothing was sent yet). WebSocket upgrades are relayed as byte streams.
// socket.io's long-polling needs every request of one client on one instance, so /socket.io/ is
// pinned by client address.
import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface Upstream {
  host: string;
  port: number;
}

export interface ProxyOptions {
  upstreams: readonly Upstream[];
  port: number;
  host?: string;
  /** How long an instance that refused a connection is skipped. */
  downForMs?: number;
  log?: (line: string) => void;
}

export interface Proxy {
  readonly url: string;
  /** Requests relayed per upstream index (for tests and the cluster's summary). */
  readonly relayed: readonly number[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

function stickyIndex(req: IncomingMessage, count: number): number {
  const digest = createHash('sha1')
    .update(req.socket.remoteAddress ?? '')
    .digest();
  return digest.readUInt32BE(0) % count;
}

function forwardedFor(req: IncomingMessage): string {
  const prior = req.headers['x-forwarded-for'];
  const client = req.socket.remoteAddress ?? '';
  return typeof prior === 'string' && prior !== '' ? `${prior}, ${client}` : client;
}

export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const { upstreams } = options;
  const downForMs = options.downForMs ?? 2_000;
  const downUntil = upstreams.map(() => 0);
  const relayed = upstreams.map(() => 0);
  let next = 0;
  const tunnels = new Set<Socket>();
  const log = options.log ?? (() => undefined);

  /** Connects to an instance, starting at `first` (round robin unless pinned); skips dead ones. */
  async function connectAny(req: IncomingMessage): Promise<{ socket: Socket; index: number }> {
    const isPinned = (req.url ?? '').startsWith('/socket.io/');
    const first = isPinned ? stickyIndex(req, upstreams.length) : next++ % upstreams.length;
    const order = upstreams.map((_, i) => (first + i) % upstreams.length);
    // Instances marked down are tried last rather than never: they may be back.
    const now = Date.now();
    order.sort((a, b) => Number((downUntil[a] ?? 0) > now) - Number((downUntil[b] ?? 0) > now));
    for (const index of order) {
      const target = upstreams[index];
      if (!target) continue;
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(target.port, target.host);
          s.once('connect', () => resolve(s));
          s.once('error', reject);
        });
        downUntil[index] = 0;
        return { socket, index };
      } catch {
        if ((downUntil[index] ?? 0) <= now)
          log(`instance ${target.host}:${target.port} refused; skipping it`);
        downUntil[index] = now + downForMs;
      }
    }
    throw new Error('no instance accepts connections');
  }

  function headersFor(req: IncomingMessage): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['x-forwarded-for'] = forwardedFor(req);
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = 'http';
    headers.connection = 'close';
    return headers;
  }

  function fail(res: ServerResponse, status: number, message: string): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/json', 'Retry-After': '1' });
    res.end(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message } }));
  }

  const server: Server = createServer((req, res) => {
    connectAny(req).then(
      ({ socket, index }) => {
        relayed[index] = (relayed[index] ?? 0) + 1;
        const upstream = request(
          {
            method: req.method,
            path: req.url,
            headers: headersFor(req),
            createConnection: () => socket,
          },
          (answer) => {
            const headers = Object.fromEntries(
              Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
            );
            res.writeHead(answer.statusCode ?? 502, headers);
            answer.pipe(res);
          },
        );
        // The instance died mid-request: the request may have had effects, so it is not retried.
        upstream.on('error', () => fail(res, 502, 'The instance went away during the request.'));
        res.on('close', () => upstream.destroy());
        req.pipe(upstream);
      },
      () => fail(res, 503, 'No dmc instance is running.'),
    );
  });

  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    connectAny(req).then(
      ({ socket, index }) => {
        relayed[index] = (relayed[index] ?? 0) + 1;
        const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
          if ((req.rawHeaders[i] ?? '').toLowerCase() === 'x-forwarded-for') continue;
          lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        }
        lines.push(`X-Forwarded-For: ${forwardedFor(req)}`);
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) socket.write(head);
        socket.on('error', () => client.destroy());
        socket.pipe(client).pipe(socket);
        tunnels.add(client);
        client.on('close', () => {
          tunnels.delete(client);
          socket.destroy();
        });
        socket.on('close', () => client.destroy());
      },
      () => client.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    relayed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const tunnel of tunnels) tunnel.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
