// npm run seed -- --devices 100000 [--data-dir ./data | --database-url postgres://…]
// (DMC_SECRET_KEY as for the server: required with PostgreSQL, else secret.key in the data dir.)
// Fills the database with a realistic fleet so the console can be seen (and measured) at scale.
// Seeded devices get the simulator's default secrets (`npm run sim` can speak for them): a test
// fleet, never a production one.
import { parseSeedArgs } from './seed-args';
import { seedDevice } from './seed-fleet';
import { analyzeSeedTarget, openSeedTarget, writeSeedBatch } from './seed-writer';

/** The simulator's default secret seed (sim/src/identity.ts). */
const SIM_SECRET_SEED = 'dmc-sim';

async function main(): Promise<void> {
  let args;
  try {
    args = parseSeedArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const where = args.databaseUrl ? 'PostgreSQL' : args.sqliteFile;
  console.log(`Seeding ${args.devices.toLocaleString('en')} devices into ${where}…`);
  const started = performance.now();
  const target = await openSeedTarget({ ...args, secretKey: process.env.DMC_SECRET_KEY });
  const now = Date.now();
  let created = 0;
  let lastReport = started;
  try {
    for (let first = 1; first <= args.devices; first += args.batch) {
      const last = Math.min(args.devices, first + args.batch - 1);
      const batch = Array.from({ length: last - first + 1 }, (_, i) =>
        seedDevice(first + i, now, SIM_SECRET_SEED),
      );
      created += await writeSeedBatch(target, batch);
      const t = performance.now();
      if (t - lastReport > 1000 || last === args.devices) {
        lastReport = t;
        const pct = ((last / args.devices) * 100).toFixed(0).padStart(3);
        console.log(
          `${pct}%  ${last.toLocaleString('en')} done, ${created.toLocaleString('en')} new  (${((t - started) / 1000).toFixed(1)} s)`,
        );
      }
    }
    console.log('Updating the query planner statistics (ANALYZE)…');
    await analyzeSeedTarget(target);
  } finally {
    await target.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const skipped = args.devices - created;
  console.log(
    `Seeded ${created.toLocaleString('en')} devices${skipped > 0 ? ` (${skipped.toLocaleString('en')} existed, skipped)` : ''} in ${seconds.toFixed(1)} s.`,
  );
}

await main();
