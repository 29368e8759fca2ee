// A console that polls the API in a process of its own, so the latencies it measures are the
// server's and the network's, not the load generator's busy event loop. `startConsoleProbe` spawns
// this file; it asks its paths in turn, one request at a time with a pause between, until its stdin
// ends, then prints each request's send time and latency per path as JSON.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './bff-process';

export interface ProbeConfig {
  baseUrl: string;
  token: string;
  paths: readonly string[];
  /** Pause between two requests, like a console refreshing its screens. */
  pauseMs: number;
}

/** One answered request: when it was sent (epoch ms) and how long it took (ms). */
export interface ProbeSample {
  at: number;
  ms: number;
}

export interface ProbeResult {
  samples: Record<string, ProbeSample[]>;
  /** Answers that were not 200. */
  errors: number;
}

export interface ConsoleProbe {
  /** Stops polling; resolves with the samples per path. */
  stop(): Promise<ProbeResult>;
}

export function startConsoleProbe(config: ProbeConfig): ConsoleProbe {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(config)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the console probe exited with ${String(code)}`);
      return JSON.parse(out) as ProbeResult;
    },
  };
}

async function probe(config: ProbeConfig): Promise<void> {
  let running = true;
  process.stdin.on('end', () => (running = false));
  process.stdin.resume();
  const samples: Record<string, ProbeSample[]> = Object.fromEntries(config.paths.map((p) => [p, []]));
  let errors = 0;
  for (let i = 0; running; i += 1) {
    const path = config.paths[i % config.paths.length] ?? '';
    const at = Date.now();
    const started = performance.now();
    const res = await fetch(`${config.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${config.token}` },
    });
    await res.arrayBuffer();
    const ms = performance.now() - started;
    if (res.status === 200) samples[path]?.push({ at, ms });
    else errors += 1;
    await new Promise((resolve) => setTimeout(resolve, config.pauseMs));
  }
  process.stdout.write(JSON.stringify({ samples, errors } satisfies ProbeResult));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  probe(JSON.parse(process.argv[2] ?? '{}') as ProbeConfig).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
