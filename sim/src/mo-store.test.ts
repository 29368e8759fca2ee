import { describe, expect, it } from 'vitest';
import { MOIDS, seedStore } from './mo-seed';
import { MoStore } from './mo-store';

const DEVINFO = MOIDS.devInfo;
const DCMO = MOIDS.dcmo;

function store(): MoStore {
  const s = new MoStore();
  seedStore(s, { devId: 'IMEI:350000000000001', serverUrl: 'http://127.0.0.1:1/dm' });
  return s;
}

function writeTarget(s: MoStore, text: string) {
  const uri = s.parse(text);
  if (!uri.ok) throw new Error(uri.message);
  return s.resolveWrite(uri.value);
}

function readData(s: MoStore, uri: string) {
  const r = s.read(uri);
  if (!r.ok || r.value.kind !== 'data') throw new Error(`expected data for ${uri}: ${JSON.stringify(r)}`);
  return r.value.items;
}

describe('MoStore resolution', () => {
  it('reads the only DevInfo instance with its root name and CV', () => {
    const [item] = readData(store(), `${DEVINFO}//`);
    expect(item!.ClientURI).toBe(`${DEVINFO}/d1/`);
    expect(item!.CV).toMatch(/^[0-9a-f]{12}$/);
    expect(item!.MOData).toMatchObject({ DevInfo: { DevID: 'IMEI:350000000000001', DmV: '2.0' } });
  });

  it('reads a leaf keyed by its own name, without CV', () => {
    const [item] = readData(store(), `${DEVINFO}/d1/FwV`);
    expect(item).toEqual({ ClientURI: `${DEVINFO}/d1/FwV`, MOData: { FwV: '1.0.0' } });
  });

  it('resolves * to every instance and an x-name through nv=', () => {
    const s = store();
    expect(readData(s, `${DCMO}/*/Enabled`).map((i) => i.ClientURI)).toEqual([
      `${DCMO}/Camera/Enabled`,
      `${DCMO}/WiFi/Enabled`,
    ]);
    const [wifi] = readData(s, `${DCMO}/(x)/Group?nv=(x)/Property:WiFi`);
    expect(wifi).toEqual({ ClientURI: `${DCMO}/WiFi/Group`, MOData: { Group: 'Connectivity' } });
    const inner = readData(s, `${MOIDS.scomo}/sw/Inventory/Deployed/(y)/Version?nv=(y)/ID:com.acme.diag`);
    expect(inner.map((i) => i.MOData)).toEqual([{ Version: '1.0.4' }]);
  });

  it('refuses like a device: 404 missing, 409 ambiguous or unresolvable, 400 malformed', () => {
    const s = store();
    expect(s.read(`${DEVINFO}/d1/Nope`)).toMatchObject({ ok: false, sc: 404 });
    expect(s.read(`${DEVINFO}/d9/`)).toMatchObject({ ok: false, sc: 404 });
    expect(s.read('urn:oma:mo:unknown:1.0//')).toMatchObject({ ok: false, sc: 404 });
    expect(s.read(`${DCMO}//Enabled`)).toMatchObject({ ok: false, sc: 409 });
    expect(s.read(`${DCMO}/(x)/Group?nv=(x)/Property:Radio`)).toMatchObject({ ok: false, sc: 409 });
    expect(s.read('not a uri')).toMatchObject({ ok: false, sc: 400 });
  });

  it('answers 304 while the cache validator matches, and data once the instance changed', () => {
    const s = store();
    const cv = s.cv(DEVINFO, 'd1')!;
    expect(s.read(`${DEVINFO}/d1/FwV?cv=${cv}`)).toEqual({ ok: true, value: { kind: 'not-modified' } });
    s.setValue(DEVINFO, 'd1', 'FwV', '2.0.0');
    expect(s.cv(DEVINFO, 'd1')).not.toBe(cv);
    expect(readData(s, `${DEVINFO}/d1/FwV?cv=${cv}`)[0]!.MOData).toEqual({ FwV: '2.0.0' });
  });

  it('405 for a node without Get, and leaves unreadable nodes out of a subtree', () => {
    const s = store();
    s.setValue(MOIDS.dmAcc, 'dmc', 'Auth/Trsp/Secret', 'private-key');
    expect(s.read(`${MOIDS.dmAcc}/dmc/Auth/Trsp/Secret`)).toMatchObject({ ok: false, sc: 405 });
    const [acc] = readData(s, `${MOIDS.dmAcc}/dmc/`);
    expect(JSON.stringify(acc!.MOData)).not.toContain('private-key');
  });
});

describe('MoStore writes and deletes', () => {
  it('405 for DELETE of a permanent node, 200 for a dynamic one', () => {
    const s = store();
    expect(s.delete(`${DEVINFO}/d1/FwV`)).toMatchObject({ ok: false, sc: 405 });
    expect(s.delete(`${MOIDS.scomo}/sw/Download`)).toMatchObject({ ok: false, sc: 405 });
    s.ensureInterior(MOIDS.scomo, 'sw', 'Download/pkg7');
    expect(s.delete(`${MOIDS.scomo}/sw/Download/pkg7`).ok).toBe(true);
    expect(s.childNames(MOIDS.scomo, 'sw', 'Download')).toEqual([]);
  });

  it('405 when a write would create a permanent node or replace a Get-only leaf', () => {
    const s = store();
    const newDevInfo = writeTarget(s, `${DEVINFO}/d2/`);
    expect(
      newDevInfo.ok && s.write(newDevInfo.value, [{ path: '', value: null, isLeaf: false }]),
    ).toMatchObject({
      ok: false,
      sc: 405,
    });
    const fwv = writeTarget(s, `${DEVINFO}/d1/FwV`);
    expect(fwv.ok && s.write(fwv.value, [{ path: 'FwV', value: '9', isLeaf: true }])).toMatchObject({
      sc: 405,
    });
    expect(s.getValue(DEVINFO, 'd1', 'FwV')).toBe('1.0.0');
  });

  it('creates dynamic nodes and replaces writable leaves, then tells listeners once', () => {
    const s = store();
    const changes: string[] = [];
    s.onChange((c) => changes.push(`${c.miid}:${c.path.join('/')}`));
    const target = writeTarget(s, `${MOIDS.scomo}/sw/Download/pkg7`);
    if (!target.ok) throw new Error(target.message);
    const written = s.write(target.value, [
      { path: 'Download/pkg7', value: null, isLeaf: false },
      { path: 'Download/pkg7/PkgURL', value: 'http://x/pkg', isLeaf: true },
    ]);
    expect(written.ok).toBe(true);
    expect(s.getValue(MOIDS.scomo, 'sw', 'Download/pkg7/PkgURL')).toBe('http://x/pkg');
    expect(changes).toEqual(['sw:Download/pkg7']);
    expect(writeTarget(s, `${MOIDS.scomo}/sw/Nope/pkg8`)).toMatchObject({ sc: 404 });
  });
});
