// A realistic, deterministic fleet: the n-th device always looks the same, so seeding twice skips
// what exists. Models, firmware trains, labels and contact times vary the way a real fleet does.
import { deviceIdentity, MIIDS, MOIDS, seededRandom } from '@dmc/sim';

export interface SeedNode {
  moid: string;
  miid: string;
  path: string;
  value: string | null;
  format: string;
}

export interface SeedDevice {
  devId: string;
  secret: string;
  labels: string[];
  createdAt: number;
  lastSeenAt: number | null;
  devInfo: {
    Man: string;
    Mod: string;
    FwV: string;
    SwV: string;
    HwV: string;
    DevType: string;
    Lang: string;
    DmV: string;
    OEM: string;
  } | null;
  nodes: SeedNode[];
}

const MAKERS = [
  { man: 'Acme', models: ['Sim-1', 'Sim-2 Pro'], devType: 'gateway', trains: ['1.4', '2.0', '2.1'] },
  {
    man: 'Northwind',
    models: ['NW-100', 'NW-200', 'NW-250'],
    devType: 'router',
    trains: ['3.2', '3.3', '4.0'],
  },
  { man: 'Contoso', models: ['Meter M3', 'Meter M5'], devType: 'smart-meter', trains: ['1.0', '1.1'] },
  { man: 'Fabrikam', models: ['Tab 8', 'Tab 10'], devType: 'tablet', trains: ['11.2', '12.0', '12.1'] },
  { man: 'Globex', models: ['GX-Cam', 'GX-Cam Mini'], devType: 'camera', trains: ['0.9', '1.0'] },
] as const;
const REGIONS = ['eu-west', 'eu-central', 'us-east', 'us-west', 'apac'] as const;
const CUSTOMERS = ['retail', 'utility', 'logistics', 'healthcare'] as const;
const LANGS = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP'] as const;
const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
/** FUMO State: 10 idle, 20 download progressing, 30 download complete, 100 update progressing (FUMO §8). */
const FUMO_STATES = ['10', '10', '10', '10', '10', '10', '20', '30', '100', '10'] as const;

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Most devices are on the newest train and a recent patch; a tail lags behind. */
function firmware(trains: readonly string[], random: () => number): string {
  const skew = random() ** 2;
  const train = trains[trains.length - 1 - Math.floor(skew * trains.length)] ?? trains[0] ?? '1.0';
  return `${train}.${Math.floor(random() ** 3 * 8)}`;
}

/** Contact: most within minutes to hours, some days ago, a few weeks, a few never. */
function lastSeen(now: number, random: () => number): number | null {
  const r = random();
  if (r < 0.03) return null;
  if (r < 0.35) return now - Math.floor(random() * 5 * MINUTE);
  if (r < 0.8) return now - Math.floor(random() * DAY);
  if (r < 0.95) return now - Math.floor(random() * 7 * DAY);
  return now - Math.floor(random() * 90 * DAY);
}

function devInfoNodes(devId: string, info: NonNullable<SeedDevice['devInfo']>): SeedNode[] {
  const leaf = (path: string, value: string): SeedNode => ({
    moid: MOIDS.devInfo,
    miid: MIIDS.devInfo,
    path,
    value,
    format: 'chr',
  });
  return [
    { moid: MOIDS.devInfo, miid: MIIDS.devInfo, path: '', value: null, format: 'node' },
    leaf('DevID', devId),
    ...Object.entries(info).map(([name, value]) => leaf(name, value)),
  ];
}

function fumoNodes(random: () => number, fwV: string): SeedNode[] {
  const node = (path: string, value: string | null, format = 'chr'): SeedNode => ({
    moid: MOIDS.fumo,
    miid: MIIDS.fumo,
    path,
    value,
    format,
  });
  const state = pick(FUMO_STATES, random);
  return [
    node('', null, 'node'),
    node('PkgName', state === '10' ? '' : 'firmware'),
    node('PkgVersion', state === '10' ? fwV : `${fwV.split('.').slice(0, 2).join('.')}.9`),
    node('State', state, 'int'),
  ];
}

function scomoNodes(random: () => number): SeedNode[] {
  const base = 'Inventory/Deployed/agent';
  const node = (path: string, value: string | null, format = 'chr'): SeedNode => ({
    moid: MOIDS.scomo,
    miid: MIIDS.scomo,
    path,
    value,
    format,
  });
  return [
    node('', null, 'node'),
    node(base, null, 'node'),
    node(`${base}/ID`, 'com.acme.agent'),
    node(`${base}/Version`, `2.${Math.floor(random() * 4)}.${Math.floor(random() * 10)}`),
    node(`${base}/State`, random() < 0.9 ? '20' : '10', 'int'),
  ];
}

/** The n-th seeded device (n ≥ 1) as of `now`. */
export function seedDevice(n: number, now: number, secretSeed: string): SeedDevice {
  const random = seededRandom(n * 2_654_435_761);
  const { devId, secret } = deviceIdentity('IMEI', n, secretSeed);
  const maker = pick(MAKERS, random);
  const seen = lastSeen(now, random);
  const createdAt = (seen ?? now) - Math.floor(random() * 365 * DAY);
  const labels = [pick(REGIONS, random), `customer:${pick(CUSTOMERS, random)}`];
  if (random() < 0.05) labels.push('beta');
  if (random() < 0.1) labels.push('rollout:wave-1');
  if (seen === null) return { devId, secret, labels, createdAt, lastSeenAt: null, devInfo: null, nodes: [] };
  const devInfo = {
    Man: maker.man,
    Mod: pick(maker.models, random),
    FwV: firmware(maker.trains, random),
    SwV: `${4 + Math.floor(random() * 3)}.${Math.floor(random() * 10)}`,
    HwV: pick(['A', 'B', 'C'], random),
    DevType: maker.devType,
    Lang: pick(LANGS, random),
    DmV: '2.0',
    OEM: maker.man,
  };
  const nodes = [...devInfoNodes(devId, devInfo), ...fumoNodes(random, devInfo.FwV), ...scomoNodes(random)];
  return { devId, secret, labels, createdAt, lastSeenAt: seen, devInfo, nodes };
}
