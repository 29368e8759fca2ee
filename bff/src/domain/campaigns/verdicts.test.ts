// The verdicts membership and the preview give devices, on a real (in-memory SQLite) store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../persistence';
import { makeDevice } from '../../persistence/contract/fixtures';
import type { Store } from '../../persistence/ports';
import { FUMO_MOID } from '../operations/operation-plans';
import { judgeDevices } from './verdicts';

let store: Store;

beforeEach(async () => {
  store = await openSqliteStore({ file: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

async function device(devId: string, devInfo: { Mod: string | null; FwV: string | null }, fumo = true) {
  await store.devices.create(
    makeDevice(devId, { devInfo: { ...makeDevice(devId).devInfo, Man: 'Acme', ...devInfo } }),
  );
  if (fumo) await store.tree.addInstance(devId, { moid: FUMO_MOID, miid: 'fw', ddf: null });
}

describe('judgeDevices for a firmware update', () => {
  it('skips incompatible models, devices at the version and devices without FUMO; the rest run', async () => {
    await device('a', { Mod: 'Sim-1', FwV: '1.0' });
    await device('b', { Mod: 'Sim-2', FwV: '1.0' });
    await device('c', { Mod: 'Sim-1', FwV: '2.0' });
    await device('d', { Mod: 'Sim-1', FwV: '1.0' }, false);
    await device('e', { Mod: null, FwV: '1.0' });
    const facts = await store.campaignDevices.deviceFacts(['a', 'b', 'c', 'd', 'e']);
    const verdicts = await judgeDevices(
      store.campaignDevices,
      {
        campaignId: 'c1',
        action: { kind: 'firmware-update', artifactId: 'fw-2' },
        artifact: { version: '2.0', compatible: { Mod: ['Sim-1'] } },
      },
      facts,
      { withDryRun: false, extraMetadata: [] },
    );
    expect(verdicts.map((v) => [v.devId, v.verdict, v.reason])).toEqual([
      ['a', 'run', null],
      ['b', 'incompatible', 'incompatible'],
      ['c', 'compliant', 'already-compliant'],
      ['d', 'would-fail', 'no-instance'],
      ['e', 'incompatible', 'incompatible'],
    ]);
    expect(verdicts[1]?.detail).toBe('Mod "Sim-2" is not one of "Sim-1"');
    expect(verdicts[4]?.detail).toBe('the device never reported DevInfo/Mod');
  });
});
