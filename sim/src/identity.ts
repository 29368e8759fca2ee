import { createHmac } from 'node:crypto';
import type { DeviceProfile } from './mo-seed';

export interface DeviceIdentity {
  devId: string;
  secret: string;
}

const DEFAULT_SECRET_SEED = 'dmc-sim';

/**
 * The n-th simulated device's DevID and secret. Prefix `IMEI` gives `IMEI:350000000000001`-style
 * ids, any other prefix `<prefix>-0001`. Secrets are derived (HMAC) so a server's demo mode can
 * register the same devices; they never contain ':' (protocol §7).
 */
export function deviceIdentity(prefix: string, n: number, secretSeed = DEFAULT_SECRET_SEED): DeviceIdentity {
  const devId = /^imei$/i.test(prefix)
    ? `IMEI:${(350_000_000_000_000 + n).toString()}`
    : `${prefix}-${n.toString().padStart(4, '0')}`;
  const secret = createHmac('sha256', secretSeed).update(devId).digest('base64url').slice(0, 32);
  return { devId, secret };
}

/** A P0 notification secret distinct from the DM secret, derived the same way (protocol §9). */
export function notifySecretFor(devId: string, secretSeed = DEFAULT_SECRET_SEED): string {
  return createHmac('sha256', `${secretSeed}:notify`).update(devId).digest('base64url').slice(0, 32);
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same fleet. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MAKERS = [
  { manufacturer: 'Acme', models: ['Sim-1', 'Sim-2 Pro'], devType: 'gateway' },
  { manufacturer: 'Northwind', models: ['NW-100', 'NW-200'], devType: 'router' },
  { manufacturer: 'Contoso', models: ['Meter M3', 'Meter M5'], devType: 'smart-meter' },
  { manufacturer: 'Fabrikam', models: ['Tab 8', 'Tab 10'], devType: 'tablet' },
] as const;

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)] ?? items[0];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A varied, deterministic DevInfo profile. */
export function deviceProfile(random: () => number): Required<DeviceProfile> {
  const maker = pick(MAKERS, random);
  const minor = Math.floor(random() * 5);
  const patch = Math.floor(random() * 10);
  return {
    manufacturer: maker.manufacturer,
    model: pick(maker.models, random),
    devType: maker.devType,
    fwVersion: `${1 + Math.floor(random() * 3)}.${minor}.${patch}`,
    swVersion: `${4 + Math.floor(random() * 3)}.${Math.floor(random() * 10)}`,
    hwVersion: pick(['A', 'B', 'C'], random),
  };
}
