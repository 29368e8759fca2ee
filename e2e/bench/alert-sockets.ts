// The consoles of benchmark 3 in a process of their own: N socket.io clients that note when each
// `alert:received` arrives, so decoding 20 copies of every event never slows the load generator
// (or the other way round). `startAlertSockets` spawns this file. It reads commands on stdin, one a
// line: `fewest` answers with the fewest alerts one socket has seen, `collect` with the arrivals noted
// since the last `collect` (one JSON line on stdout), starting afresh; end of input disconnects and exits.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './bff-process';
import { connectSocket, type ConsoleSocket } from './console-client';

export interface AlertSocketsConfig {
  baseUrl: string;
  token: string;
  sockets: number;
}

/** Per socket, the `data.seq` of each alert it received and when (epoch ms, sub-millisecond). */
export interface Arrivals {
  seqs: number[][];
  times: number[][];
  /** CPU seconds this process used since the last collect. */
  cpuSeconds: number;
}

export interface AlertSockets {
  /** The fewest alerts any one socket has received since the previous collect. */
  fewest(): Promise<number>;
  /** The arrivals since the previous collect. */
  collect(): Promise<Arrivals>;
  stop(): Promise<void>;
}

/** Epoch milliseconds with the resolution of performance.now(), comparable across processes. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export async function startAlertSockets(config: AlertSocketsConfig): Promise<AlertSockets> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(config)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      void exited.then((code) => reject(new Error(`the console sockets exited with ${String(code)}`)));
    });
  const ready = await nextLine();
  if (ready !== 'ready') throw new Error(`the console sockets did not connect: ${ready}`);
  return {
    async fewest() {
      const answer = nextLine();
      child.stdin.write('fewest\n');
      return Number(await answer);
    },
    async collect() {
      const answer = nextLine();
      child.stdin.write('collect\n');
      return JSON.parse(await answer) as Arrivals;
    },
    async stop() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the console sockets exited with ${String(code)}`);
    },
  };
}

async function listen(config: AlertSocketsConfig): Promise<void> {
  const sockets: ConsoleSocket[] = [];
  for (let i = 0; i < config.sockets; i += 1) sockets.push(await connectSocket(config.baseUrl, config.token));
  let seqs: number[][] = sockets.map(() => []);
  let times: number[][] = sockets.map(() => []);
  sockets.forEach((socket, i) => {
    socket.on('alert:received', ({ alert }) => {
      const at = epochMs();
      const seq = (alert.data as { seq?: unknown } | null)?.seq;
      if (typeof seq !== 'number') return;
      seqs[i]?.push(seq);
      times[i]?.push(at);
    });
  });
  let cpu = process.cpuUsage();
  process.stdout.write('ready\n');
  const input = createInterface({ input: process.stdin });
  for await (const line of input) {
    if (line === 'fewest') {
      process.stdout.write(`${Math.min(...seqs.map((s) => s.length))}\n`);
      continue;
    }
    if (line !== 'collect') continue;
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const answer: Arrivals = { seqs, times, cpuSeconds: (used.user + used.system) / 1e6 };
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    seqs = sockets.map(() => []);
    times = sockets.map(() => []);
  }
  for (const socket of sockets) socket.disconnect();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  listen(JSON.parse(process.argv[2] ?? '{}') as AlertSocketsConfig).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
