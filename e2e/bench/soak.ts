// `npm run soak -- --minutes 10`: a bounded soak run. 1,000 simulated devices contact the BFF
// periodically and answer P0s; commands are queued and alerts raised throughout. Prints sessions
// ok/failed and RSS samples; exits 1 on any failed session or command, or when memory grows.
import { FINAL_COMMAND_STATES, apiRoutes, queuedCommandSchema } from '@dmc/shared/api';
import { createFleet, MIIDS, MOIDS, seededRandom } from '@dmc/sim';
import { freePort, newDataDir, removeDataDir, startBff } from './bff-process';
import { api, connectSocket } from './console-client';
import { openSeeder } from './seed';
import { median, round, sleep } from './stats';

const USAGE = 'usage: npm run soak -- [--minutes M] [--devices N] [--interval S]';
/** RSS after warm-up may grow at most this much from the first to the last quarter. */
export const MAX_RSS_GROWTH = 1.25;
const WARM_UP_SHARE = 0.2;

function parseArgs(argv: readonly string[]) {
  const args = { minutes: 10, devices: 1000, interval: 60 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if ((name !== 'minutes' && name !== 'devices' && name !== 'interval') || !(value > 0))
      throw new Error(USAGE);
    args[name] = value;
  }
  return args;
}

/**
 * The memory verdict: samples after the warm-up are split in quarters; the run fails when the last
 * quarter's median exceeds the first quarter's median × MAX_RSS_GROWTH.
 */
export function memoryGrowth(samples: readonly number[]): { growth: number; steady: boolean } {
  const settled = samples.slice(Math.floor(samples.length * WARM_UP_SHARE));
  const quarter = Math.max(1, Math.floor(settled.length / 4));
  const growth = median(settled.slice(-quarter)) / median(settled.slice(0, quarter));
  return { growth, steady: !(growth > MAX_RSS_GROWTH) };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const fleet = createFleet({
    devices: args.devices,
    serverUrl: `${baseUrl}/dm`,
    prefix: 'soak',
    intervalS: args.interval,
    firstContactS: Math.min(args.interval, 20),
    concurrency: 64,
    push: {},
  });
  await fleet.ready();
  const push = fleet.push;
  if (push === undefined) throw new Error('the fleet has no push listener');
  const dataDir = newDataDir('soak');
  const seeder = await openSeeder({ dataDir });
  const ids = await seeder.devices({
    prefix: 'soak',
    count: args.devices,
    credentials: true,
    pushUrl: (id) => push.url(id),
  });
  await seeder.close();
  const bff = await startBff({ dataDir }, { port });
  const random = seededRandom(7);
  const pick = () => ids[Math.floor(random() * ids.length)] ?? '';
  const token = await bff.login();
  const call = api(bff.baseUrl, token);
  const socket = await connectSocket(bff.baseUrl, token);
  const commandStates = new Map<string, string>();
  let alertsSeen = 0;
  socket.on('command:state-changed', (e) => {
    if (FINAL_COMMAND_STATES.includes(e.state)) commandStates.set(e.id, e.state);
  });
  socket.on('alert:received', () => (alertsSeen += 1));

  console.log(
    `soak: ${args.devices} devices every ~${args.interval} s for ${args.minutes} min against ${bff.baseUrl} (pid ${bff.pid})`,
  );
  await fleet.start();
  const queued = new Set<string>();
  let queueErrors = 0;
  let alertsRaised = 0;
  const rss: number[] = [];
  const started = Date.now();
  const endAt = started + args.minutes * 60_000;
  let nextReport = started + 30_000;
  let nextSample = started;
  while (Date.now() < endAt) {
    // About one command and one extra alert a second, on random devices.
    const res = await call('POST', apiRoutes.deviceCommands(pick()), {
      command: ['GET', `${MOIDS.devInfo}/${MIIDS.devInfo}/FwV`],
    });
    const parsed = queuedCommandSchema.safeParse(res.json);
    if (res.status === 201 && parsed.success) queued.add(parsed.data.id);
    else queueErrors += 1;
    const device = fleet.devices[Math.floor(random() * fleet.devices.length)];
    device?.queueAlert({ AlertType: 'urn:dmc:at:bench:1.0:Soak', Mark: 'minor', Data: { n: alertsRaised } });
    alertsRaised += 1;
    const now = Date.now();
    if (now >= nextSample) {
      rss.push(bff.rssMiB());
      nextSample = now + 5_000;
    }
    if (now >= nextReport) {
      const s = fleet.summary();
      console.log(
        `  ${round((now - started) / 60_000, 1)} min: sessions ok ${s.sessionsOk}, failed ${s.sessionsFailed}; commands done ${commandStates.size}/${queued.size}; RSS ${round(rss.at(-1) ?? Number.NaN)} MiB`,
      );
      nextReport = now + 30_000;
    }
    await sleep(1000);
  }
  // Let the last wake-ups finish before stopping.
  const drainUntil = Date.now() + 15_000;
  while (Date.now() < drainUntil && commandStates.size < queued.size) await sleep(250);
  await fleet.stop();
  socket.disconnect();
  await bff.stop();
  removeDataDir(dataDir);

  const s = fleet.summary();
  const failedCommands = [...commandStates.values()].filter((st) => st !== 'ok').length;
  const pending = [...queued].filter((id) => !commandStates.has(id)).length;
  const { growth, steady } = memoryGrowth(rss);
  console.log(`\nsessions ok ${s.sessionsOk}, failed ${s.sessionsFailed}`);
  console.log(
    `commands queued ${queued.size} (${queueErrors} refused), ok ${commandStates.size - failedCommands}, failed ${failedCommands}, still pending ${pending}`,
  );
  console.log(
    `alerts raised ${alertsRaised} (plus the simulator's own events); alert events seen ${alertsSeen}`,
  );
  console.log(`RSS samples (MiB, every 5 s): ${rss.map((v) => round(v, 0)).join(' ')}`);
  console.log(
    `RSS growth after warm-up: ${round(growth, 3)} × (limit ${MAX_RSS_GROWTH} ×) → ${steady ? 'flat' : 'GROWING'}`,
  );
  const ok = s.sessionsFailed === 0 && failedCommands === 0 && pending === 0 && queueErrors === 0 && steady;
  console.log(ok ? 'soak passed' : 'soak FAILED');
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
