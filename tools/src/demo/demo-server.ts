// `npm start` runs this: the server (as `bff/src/main.ts` runs it) plus a demo fleet of
// DMC_DEMO_DEVICES simulated devices (0: the server alone) talking OMA DM to it over real HTTP.
import { runServer } from '@dmc/bff/server';
import { demoServerEnv, parseDemoDevices } from './demo-args';
import { startDemoFleet } from './demo-fleet';

async function main(): Promise<void> {
  let count: number;
  try {
    count = parseDemoDevices(process.env.DMC_DEMO_DEVICES);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  const server = await runServer(demoServerEnv(process.env, count));
  if (count === 0) return;
  const demo = await startDemoFleet({
    count,
    serverUrl: `http://127.0.0.1:${server.config.port}`,
    devices: server.app.services.devices,
    commands: server.app.services.commands,
    serverKey: server.serverKey,
    log: server.log,
  });
  server.onShutdown(() => demo.stop());
  console.log(`  demo fleet: ${count} simulated devices are talking OMA DM to this server\n`);
}

main().catch((err: unknown) => {
  console.error('dmc failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
