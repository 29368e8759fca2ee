// Demo mode (DMC_DEMO_DEVICES): registers N simulated devices and lets them talk OMA DM to this
// server over real HTTP, so a fresh start shows a living fleet.
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import { createFleet, deviceIdentity } from '@dmc/sim';
import type { DeviceService } from './domain/devices/device.service';
import { ConflictError } from './domain/errors';

export interface DemoFleet {
  stop(): Promise<void>;
}

export const DEMO_PREFIX = 'demo';
const DEMO_INTERVAL_S = 30;

export async function startDemoFleet(options: {
  count: number;
  serverUrl: string;
  devices: DeviceService;
  serverKey: Buffer;
  log: Logger;
}): Promise<DemoFleet> {
  // Secrets derive from the server key: stable across restarts, unknown outside this server.
  const secretSeed = createHmac('sha256', options.serverKey).update('demo-fleet').digest('base64url');
  for (let n = 1; n <= options.count; n += 1) {
    const { devId, secret } = deviceIdentity(DEMO_PREFIX, n, secretSeed);
    try {
      await options.devices.register({ devId, secret, labels: ['demo'] });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  const fleet = createFleet({
    devices: options.count,
    serverUrl: `${options.serverUrl}/dm`,
    prefix: DEMO_PREFIX,
    secretSeed,
    intervalS: DEMO_INTERVAL_S,
    concurrency: 8,
    log: (line) => options.log.debug({ demo: true }, line),
  });
  await fleet.start();
  return { stop: () => fleet.stop() };
}
