// Benchmark 5: the BFF's resident memory (VmRSS of its own process) with 10,000 registered devices
// while 1,000 sessions are open at once.
import { newDataDir, removeDataDir, startBff } from './bff-process';
import type { BenchContext, Figure } from './figures';
import { openSeeder } from './seed';
import { runSessions, simDevices } from './session-load';
import { round, sampler } from './stats';

export async function benchMemory(ctx: BenchContext): Promise<Figure[]> {
  const registered = ctx.quick ? 1000 : 10_000;
  const concurrent = ctx.quick ? 100 : 1000;
  const dataDir = newDataDir('memory');
  const seeder = await openSeeder({ dataDir });
  await seeder.devices({ prefix: 'mem', count: registered, credentials: true });
  await seeder.close();
  const bff = await startBff({ dataDir });
  try {
    const idle = bff.rssMiB();
    const rss = sampler(() => bff.rssMiB(), 50);
    // Two rounds: every session of a round is opened at once; the second finds devices already known.
    const rounds = [];
    for (let r = 0; r < 2; r += 1) {
      const devices = simDevices('mem', concurrent, `${bff.baseUrl}/dm`, 1 + r * concurrent);
      rounds.push(await runSessions(devices, concurrent));
    }
    const samples = rss.stop();
    const peak = Math.max(...samples);
    const failed = rounds.reduce((n, r) => n + r.failed, 0);
    const why = rounds.find((r) => r.firstError !== undefined)?.firstError;
    if (why !== undefined) ctx.log(`  first failure: ${why}`);
    ctx.log(
      `  ${registered} devices registered; idle RSS ${round(idle)} MiB, peak ${round(peak)} MiB over ${rounds.length} rounds of ${concurrent} concurrent sessions (${failed} failed)`,
    );
    const note = `${registered} registered, ${concurrent} sessions at once, ${failed} failed; idle ${round(idle)} MiB`;
    return [
      { bench: 5, label: 'BFF RSS, idle with devices registered', value: round(idle), unit: 'MiB' },
      {
        bench: 5,
        label: `BFF RSS peak, ${concurrent} concurrent sessions`,
        value: round(peak),
        unit: 'MiB',
        target: { op: '<', value: 400 },
        note,
      },
    ];
  } finally {
    await bff.stop();
    removeDataDir(dataDir);
  }
}
