// The fleet-list DevInfo summary kept in step with DevInfo writes, on a real SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DevInfoSummary } from '@dmc/shared/api';
import type { MoSerialization } from '@dmc/shared/protocol';
import { refreshDevInfoSummary } from '../src/domain/tree/dev-info';
import { writeMoData } from '../src/domain/tree/tree-writer';
import { openSqliteStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';

const DEV = 'IMEI:1';
const MOID = 'urn:oma:mo:oma-dm-devinfo:1.0';
const FULL = {
  Man: 'Acme',
  Mod: 'Sim-1',
  DmV: '2.0',
  Lang: 'en',
  DevType: 'gateway',
  OEM: 'Acme',
  FwV: '1.4.2',
  SwV: '7.1',
  HwV: 'B',
};
const EMPTY = {
  Man: null,
  Mod: null,
  FwV: null,
  SwV: null,
  HwV: null,
  DevType: null,
  Lang: null,
  DmV: null,
  OEM: null,
};

describe('refreshDevInfoSummary', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dmc-devinfo-'));
    store = await openSqliteStore({ file: path.join(dir, 'dmc.sqlite') });
    await store.devices.create({
      devId: DEV,
      labels: [],
      pushUrl: null,
      createdAt: new Date(0),
      lastSeenAt: null,
      devInfo: EMPTY,
      devInfoAt: null,
      credentials: { basicVerifier: 'x', digestHa1Md5: 'x', digestHa1Sha256: 'x', notifySecretEnc: null },
    });
    await store.tree.replaceInstances(DEV, [{ moid: MOID, miid: 'd1', ddf: null }]);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (data: MoSerialization, at: Date, previous?: DevInfoSummary) =>
    store.transaction(async (repos) => {
      const result = await writeMoData(repos, DEV, data, at);
      return refreshDevInfoSummary(repos, DEV, result.changes, at, result.written, previous);
    });

  it('takes every field from a complete DevInfo write', async () => {
    const at = new Date(1000);
    expect(await write([{ ClientURI: `${MOID}/d1/`, MOData: { DevInfo: FULL } }], at)).toEqual(FULL);
    const device = await store.devices.find(DEV);
    expect(device?.devInfo).toEqual(FULL);
    expect(device?.devInfoAt).toEqual(at);
  });

  it('keeps the stored leaves, not a stale summary, for fields a partial write leaves out', async () => {
    await write([{ ClientURI: `${MOID}/d1/`, MOData: { DevInfo: FULL } }], new Date(1000));
    await store.devices.setDevInfo(DEV, { ...FULL, Man: 'Stale' }, new Date(1500));
    expect(await write([{ ClientURI: `${MOID}/d1/FwV`, MOData: { FwV: '2.0.0' } }], new Date(2000))).toEqual({
      ...FULL,
      FwV: '2.0.0',
    });
    expect((await store.devices.find(DEV))?.devInfo).toEqual({ ...FULL, FwV: '2.0.0' });
  });

  it('takes the summary the caller holds in place of reading the device, the stored leaves first', async () => {
    // Only FwV is stored: the other fields come from the summary given, not from the device row.
    const given = { ...FULL, Man: 'Given' };
    const written = await write(
      [{ ClientURI: `${MOID}/d1/FwV`, MOData: { FwV: '3.0.0' } }],
      new Date(2000),
      given,
    );
    expect(written).toEqual({ ...given, FwV: '3.0.0' });
    expect((await store.devices.find(DEV))?.devInfo).toEqual({ ...given, FwV: '3.0.0' });
  });

  it('leaves the summary alone when no DevInfo node changed', async () => {
    await write([{ ClientURI: `${MOID}/d1/`, MOData: { DevInfo: FULL } }], new Date(1000));
    expect(await write([{ ClientURI: `${MOID}/d1/`, MOData: { DevInfo: FULL } }], new Date(2000))).toBe(
      undefined,
    );
    expect((await store.devices.find(DEV))?.devInfoAt).toEqual(new Date(1000));
  });
});
