// `npm run bench`: every benchmark (issues #7, 12, 14, 15, 16 and 17) in turn, each bounded in count and time; prints the
// table and writes bench-results.json. Benchmarks report figures; they never fail on speed.
import path from 'node:path';
import { benchAlertFanout } from './alert-fanout';
import { REPO_ROOT } from './bff-process';
import { benchBigTree } from './big-tree';
import { benchCampaigns } from './campaigns';
import { benchCommandLatency } from './command-latency';
import type { BenchContext, Figure } from './figures';
import { benchFleetQueries } from './fleet-queries';
import { benchMemory } from './memory';
import { benchP3P1Race } from './p3-p1-race';
import { benchProfileCost } from './profile-cost';
import { postgresAvailable } from './pg-database';
import { benchProfileCounts } from './profile-counts';
import { machineFacts, table, writeResults } from './report';
import { benchSessionThroughput } from './session-throughput';
import { round } from './stats';
import { benchTreeHistory } from './tree-history';
import { benchTreeWrites } from './tree-writes';

const BENCHES: readonly { n: number; name: string; run: (ctx: BenchContext) => Promise<Figure[]> }[] = [
  { n: 1, name: 'session throughput', run: benchSessionThroughput },
  { n: 2, name: 'command latency', run: benchCommandLatency },
  { n: 3, name: 'alert fan-out', run: benchAlertFanout },
  { n: 4, name: 'fleet queries', run: benchFleetQueries },
  { n: 5, name: 'memory', run: benchMemory },
  { n: 6, name: 'big trees', run: benchBigTree },
  { n: 7, name: 'tree writes', run: benchTreeWrites },
  { n: 8, name: 'P3/P1 race', run: benchP3P1Race },
  { n: 9, name: 'campaigns', run: benchCampaigns },
  { n: 10, name: 'tree history', run: benchTreeHistory },
  { n: 11, name: 'profile enforcement cost', run: benchProfileCost },
  { n: 12, name: 'profile counts', run: benchProfileCounts },
];

const USAGE = 'usage: npm run bench -- [--quick] [--only 1,3] [--no-postgres] [--out FILE]';

function parseArgs(argv: readonly string[]) {
  const args = {
    quick: false,
    only: new Set<number>(),
    postgres: true,
    out: path.join(REPO_ROOT, 'bench-results.json'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--no-postgres') args.postgres = false;
    else if (a === '--only') {
      for (const n of (argv[i + 1] ?? '').split(',')) args.only.add(Number(n));
      i += 1;
    } else if (a === '--out') {
      args.out = path.resolve(argv[i + 1] ?? args.out);
      i += 1;
    } else throw new Error(`unexpected argument "${a ?? ''}"\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const postgres = args.postgres && (await postgresAvailable());
  if (args.postgres && !postgres) console.log('PostgreSQL is not reachable: its figures are skipped.');
  const tables: Record<string, unknown> = {};
  const ctx: BenchContext = {
    quick: args.quick,
    postgres,
    log: (line) => console.log(line),
    record: (name, value) => (tables[name] = value),
  };
  const m = machineFacts();
  console.log(
    `dmc benchmarks${args.quick ? ' (quick)' : ''} on ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`,
  );
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const figures: Figure[] = [];
  for (const bench of BENCHES) {
    if (args.only.size > 0 && !args.only.has(bench.n)) continue;
    console.log(`\n[${bench.n}] ${bench.name}`);
    const started = performance.now();
    try {
      figures.push(...(await bench.run(ctx)));
    } catch (err) {
      console.error(`  failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      figures.push({ bench: bench.n, label: `${bench.name} (failed to run)`, value: Number.NaN, unit: '' });
    }
    console.log(`  (${round((performance.now() - started) / 1000)} s)`);
  }
  const seconds = round((performance.now() - t0) / 1000);
  console.log(`\n${table(figures)}\n\n${seconds} s in all; figures written to ${args.out}`);
  writeResults(args.out, { quick: args.quick, startedAt, seconds }, figures, tables);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
