// The reported tree of a seeded device, as a fleet stores it: DevInfo on every reporting device, a
// FUMO instance on most (a second one, for the modem, on a few), SCOMO inventories of one to three
// components on about half. Deterministic per device number, ~16 nodes a device on average, so a
// 100,000-device fleet holds ~1.6 million tree rows.
import type { SeedNode } from '@dmc/bff/seeding';
import { MIIDS, MOIDS, seededRandom } from '@dmc/sim';

/** FUMO State: 10 idle most of the time, else downloading (20), downloaded (30) or updating (100). */
const FUMO_STATES = ['10', '10', '10', '10', '10', '10', '10', '20', '30', '100'] as const;
const COMPONENTS = ['agent', 'telemetry', 'vpn'] as const;

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function instance(moid: string, miid: string, leaves: readonly [string, string][]): SeedNode[] {
  return [
    { moid, miid, path: '', value: null, format: 'node' },
    ...leaves.map(([path, value]) => ({ moid, miid, path, value, format: 'chr' })),
  ];
}

function fumo(miid: string, fwVersion: string, random: () => number): SeedNode[] {
  const state = pick(FUMO_STATES, random);
  return instance(MOIDS.fumo, miid, [
    ['PkgName', state === '10' ? '' : 'firmware'],
    ['PkgVersion', fwVersion],
    ['State', state],
  ]);
}

/** The stored nodes of device `n` that reported `devInfo` (name → value of the DevInfo leaves). */
export function seedTree(n: number, devInfo: Readonly<Record<string, string>>): SeedNode[] {
  const random = seededRandom(n * 7_919 + 17);
  const nodes = instance(MOIDS.devInfo, MIIDS.devInfo, Object.entries(devInfo));
  if (random() < 0.85) nodes.push(...fumo(MIIDS.fumo, devInfo.FwV ?? '1.0', random));
  if (random() < 0.05) nodes.push(...fumo('modem', `m${Math.floor(random() * 4)}.0`, random));
  if (random() < 0.5) {
    const count = 1 + Math.floor(random() * COMPONENTS.length);
    const leaves = COMPONENTS.slice(0, count).flatMap((name): [string, string][] => {
      const base = `Inventory/Deployed/${name}`;
      const version = `${1 + Math.floor(random() * 3)}.${Math.floor(random() * 10)}`;
      return [
        [`${base}/ID`, `com.example.${name}`],
        [`${base}/Version`, version],
        [`${base}/State`, random() < 0.9 ? '20' : '10'],
      ];
    });
    nodes.push(...instance(MOIDS.scomo, MIIDS.scomo, leaves));
  }
  return nodes;
}
