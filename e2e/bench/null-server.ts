// The machine's limit for the session benchmark: a plain node:http server answering the same client
// with canned P2s (CONT + GET of DevInfo, then END). No auth, no storage, no validation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { MEDIA_TYPES } from '@dmc/shared/protocol';
import { MIIDS, MOIDS } from '@dmc/sim';

export interface NullServer {
  readonly url: string;
  /** Packages answered so far. */
  readonly packages: () => number;
  close(): Promise<void>;
}

export async function startNullServer(options: { port?: number } = {}): Promise<NullServer> {
  let base = '';
  let counter = 0;
  let packages = 0;
  const end = JSON.stringify({ CMD: [['END']] });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      packages += 1;
      counter += 1;
      // P1 arrives at /dm, every P3 at the CONT URL.
      const body =
        req.url === '/dm'
          ? JSON.stringify({
              CMD: [
                ['CONT', `${base}/dm/s/n${counter}`],
                ['GET', `${MOIDS.devInfo}/${MIIDS.devInfo}/`],
              ],
            })
          : end;
      res.writeHead(200, { 'Content-Type': MEDIA_TYPES.request, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    packages: () => packages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Run as its own process by the bench (`node --import tsx e2e/bench/null-server.ts`): prints its URL.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void startNullServer().then((server) => {
    console.log(server.url);
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}

/** The null server in its own process, so it has a CPU of its own like the BFF under test. */
export async function spawnNullServer(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`the null server exited (${String(code)})`)));
  });
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
