// Benchmark 2: a command queued through the API → P0 → session → its result seen on a socket.io
// client, with many devices registered and listening for P0.
import { FINAL_COMMAND_STATES, apiRoutes, queuedCommandSchema } from '@dmc/shared/api';
import { createFleet, MIIDS, MOIDS } from '@dmc/sim';
import { freePort, newDataDir, removeDataDir, startBff } from './bff-process';
import { api, connectSocket } from './console-client';
import type { BenchContext, Figure } from './figures';
import { openSeeder } from './seed';
import { pool } from './session-load';
import { summarize } from './stats';

const WAIT_MS = 15_000;
const PARALLEL = 8;

export async function benchCommandLatency(ctx: BenchContext): Promise<Figure[]> {
  const devices = ctx.quick ? 50 : 500;
  const commands = ctx.quick ? 20 : 300;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const fleet = createFleet({
    devices,
    serverUrl: `${baseUrl}/dm`,
    prefix: 'lat',
    concurrency: 64,
    push: {},
  });
  await fleet.ready();
  const push = fleet.push;
  if (push === undefined) throw new Error('the fleet has no push listener');
  const dataDir = newDataDir('latency');
  const seeder = await openSeeder({ dataDir });
  const ids = await seeder.devices({
    prefix: 'lat',
    count: devices,
    credentials: true,
    pushUrl: (id) => push.url(id),
  });
  await seeder.close();
  const bff = await startBff({ dataDir }, { port });
  try {
    // When each P0 reached its device: splits the latency into wake-up and session.
    const p0At = new Map<string, number>();
    for (const device of fleet.devices) {
      const receive = device.receiveNotification.bind(device);
      device.receiveNotification = (bytes) => {
        p0At.set(device.devId, performance.now());
        return receive(bytes);
      };
    }
    const first = await fleet.runOnce();
    ctx.log(
      `  ${devices} devices listening for P0; first sessions ok ${first.sessionsOk}, failed ${first.sessionsFailed}`,
    );
    const token = await bff.login();
    const call = api(bff.baseUrl, token);
    const socket = await connectSocket(bff.baseUrl, token);
    const seen = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    socket.on('command:state-changed', (e) => {
      if (!FINAL_COMMAND_STATES.includes(e.state)) return;
      seen.set(e.id, performance.now());
      waiters.get(e.id)?.();
    });
    const latencies: number[] = [];
    const wakeups: number[] = [];
    let lost = 0;
    const order = Array.from({ length: commands }, (_, i) => ids[i % ids.length] ?? '');
    await pool(order, PARALLEL, async (devId) => {
      const t0 = performance.now();
      const res = await call('POST', apiRoutes.deviceCommands(devId), {
        command: ['GET', `${MOIDS.devInfo}/${MIIDS.devInfo}/FwV`],
      });
      const { id } = queuedCommandSchema.parse(res.json);
      const done = seen.has(id)
        ? true
        : await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), WAIT_MS);
            waiters.set(id, () => {
              clearTimeout(timer);
              resolve(true);
            });
          });
      waiters.delete(id);
      const t1 = seen.get(id);
      if (done && t1 !== undefined) latencies.push(t1 - t0);
      const p0 = p0At.get(devId);
      if (p0 !== undefined && p0 >= t0) wakeups.push(p0 - t0);
      else lost += 1;
    });
    socket.disconnect();
    const s = summarize(latencies);
    const w = summarize(wakeups);
    ctx.log(`  of which queue → P0 at the device: p50 ${w.p50} ms, p95 ${w.p95} ms`);
    ctx.log(
      `  ${commands} commands (${PARALLEL} at a time): p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms; ${lost} without a result`,
    );
    const note = `${devices} devices; ${commands} GET commands, ${PARALLEL} in flight; ${lost} lost`;
    return [
      { bench: 2, label: 'queue → P0 received p95 (part of the latency)', value: w.p95, unit: 'ms', note },
      { bench: 2, label: `command latency p50 (${devices} devices)`, value: s.p50, unit: 'ms', note },
      {
        bench: 2,
        label: `command latency p95 (${devices} devices)`,
        value: lost > 0 ? Number.NaN : s.p95,
        unit: 'ms',
        target: { op: '<', value: 250 },
        note,
      },
      { bench: 2, label: `command latency p99 (${devices} devices)`, value: s.p99, unit: 'ms', note },
    ];
  } finally {
    await fleet.stop();
    await bff.stop();
    removeDataDir(dataDir);
  }
}
