// `npm run cluster -- --instances N`: N dmc processes on internal loopback ports behind the
// round-robin proxy on DMC_PORT, sharing DMC_DATABASE_URL, DMC_REDIS_URL and DMC_SECRET_KEY. For local trials and
// tests; production runs instances under a supervisor behind a real load balancer.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { demoServerEnv, parseDemoDevices } from '../demo/demo-args';
import { startProxy, type Proxy } from './proxy';

export interface ClusterOptions {
  instances: number;
  /** The environment to pass on (DMC_* and the rest); DMC_PORT is where the proxy listens. */
  env: Record<string, string | undefined>;
  /** First internal port (default DMC_PORT + 1). */
  basePort?: number;
  log?: (line: string) => void;
}

export interface Cluster {
  readonly proxy: Proxy;
  readonly children: readonly ChildProcess[];
  /** Sends SIGTERM to every instance (graceful shutdown) and stops the proxy. */
  stop(): Promise<void>;
}

/** The server with the optional demo fleet; instances without DMC_DEMO_DEVICES run the server alone. */
const MAIN = fileURLToPath(new URL('../demo/demo-server.ts', import.meta.url));
const DEFAULT_PORT = 8080;

/** The environment of instance `n` (1-based): its own port and id, everything else passed on. */
export function instanceEnv(
  env: Record<string, string | undefined>,
  n: number,
  port: number,
  publicUrl: string,
): Record<string, string | undefined> {
  return {
    ...env,
    DMC_PORT: String(port),
    DMC_HOST: '127.0.0.1',
    // URLs handed to devices (CONT, DR objects, jobs) name the proxy, so any instance takes them.
    DMC_PUBLIC_URL: env.DMC_PUBLIC_URL ?? publicUrl,
    DMC_INSTANCE_ID: `${env.DMC_INSTANCE_ID ?? 'dmc'}-${n}`,
    // One demo fleet for the whole cluster, not one per instance.
    DMC_DEMO_DEVICES: n === 1 ? env.DMC_DEMO_DEVICES : '0',
    // Any instance may push to the demo devices, which listen on 127.0.0.1 (protocol §12).
    DMC_PUSH_ALLOW_PRIVATE: demoServerEnv(env, parseDemoDevices(env.DMC_DEMO_DEVICES)).DMC_PUSH_ALLOW_PRIVATE,
  };
}

function prefixLines(prefix: string, write: (line: string) => void) {
  let rest = '';
  return (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) write(`${prefix} ${line}`);
  };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { env } = options;
  if (!env.DMC_DATABASE_URL || !env.DMC_REDIS_URL) {
    throw new Error('several instances need DMC_DATABASE_URL (PostgreSQL) and DMC_REDIS_URL (Redis)');
  }
  if (!env.DMC_SECRET_KEY) {
    throw new Error(
      'several instances need one DMC_SECRET_KEY (32 bytes in base64, e.g. `openssl rand -base64 32`)',
    );
  }
  const log = options.log ?? ((line: string) => console.log(line));
  const port = env.DMC_PORT === undefined ? DEFAULT_PORT : Number(env.DMC_PORT);
  const basePort = options.basePort ?? port + 1;
  const ports = Array.from({ length: options.instances }, (_, i) => basePort + i);
  const proxy = await startProxy({
    port,
    upstreams: ports.map((p) => ({ host: '127.0.0.1', port: p })),
    log: (line) => log(`[proxy] ${line}`),
  });
  const publicUrl = `http://localhost:${port}`;
  const children = ports.map((p, i) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: instanceEnv(env, i + 1, p, publicUrl),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `[dmc-${i + 1}]`;
    child.stdout.on('data', prefixLines(prefix, log));
    child.stderr.on('data', prefixLines(prefix, log));
    child.on('exit', (code, signal) => log(`${prefix} exited (${signal ?? code})`));
    return child;
  });
  log(`[cluster] ${options.instances} instances on ports ${ports.join(', ')} behind ${publicUrl}`);

  return {
    proxy,
    children,
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      await proxy.close();
    },
  };
}
