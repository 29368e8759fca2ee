// Demo mode (DMC_DEMO_DEVICES): registers N simulated devices and lets them talk OMA DM to this
// server over real HTTP, so a fresh start shows a living fleet.
import { createHmac } from 'node:crypto';
import { ConflictError, type RunningServer } from '@dmc/bff/server';
import { createFleet, deviceIdentity, MIIDS, MOIDS } from '@dmc/sim';

type Services = RunningServer['app']['services'];

export interface DemoFleet {
  stop(): Promise<void>;
}

export const DEMO_PREFIX = 'demo';
const DEMO_INTERVAL_S = 30;

/** Reads every factory instance once, so a new demo device shows its whole tree. */
const FIRST_READS = [
  `${MOIDS.dmAcc}/${MIIDS.dmAcc}/`,
  `${MOIDS.sessionInfo}/${MIIDS.sessionInfo}/`,
  `${MOIDS.fumo}/${MIIDS.fumo}/`,
  `${MOIDS.scomo}/${MIIDS.scomo}/`,
  `${MOIDS.dcmo}/Camera/`,
  `${MOIDS.dcmo}/WiFi/`,
];

export async function startDemoFleet(options: {
  count: number;
  serverUrl: string;
  devices: Services['devices'];
  commands: Services['commands'];
  serverKey: Buffer;
  log: RunningServer['log'];
}): Promise<DemoFleet> {
  // Secrets derive from the server key: stable across restarts, unknown outside this server.
  const secretSeed = createHmac('sha256', options.serverKey).update('demo-fleet').digest('base64url');
  const fleet = createFleet({
    devices: options.count,
    serverUrl: `${options.serverUrl}/dm`,
    prefix: DEMO_PREFIX,
    secretSeed,
    intervalS: DEMO_INTERVAL_S,
    firstContactS: 3,
    concurrency: 8,
    // Devices listen for P0 on one loopback port, so "wake now" works in the demo (protocol §6).
    push: {},
    log: (line) => options.log.debug({ demo: true }, line),
  });
  await fleet.ready();
  for (let n = 1; n <= options.count; n += 1) {
    const { devId, secret } = deviceIdentity(DEMO_PREFIX, n, secretSeed);
    const pushUrl = fleet.push?.url(devId);
    try {
      await options.devices.register({ devId, secret, labels: ['demo'], ...(pushUrl ? { pushUrl } : {}) });
      for (const uri of FIRST_READS) await options.commands.queue(devId, { command: ['GET', uri] });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Known from an earlier start: the listener has a new port now.
      await options.devices.setPushUrl(devId, pushUrl ?? null);
    }
  }
  await fleet.start();
  return { stop: () => fleet.stop() };
}
