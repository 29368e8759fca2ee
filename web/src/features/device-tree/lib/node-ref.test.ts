import { describe, expect, it } from 'vitest';
import type { TreeInstance } from '@dmc/shared/api';
import { refFromUri, refUri } from './node-ref';

const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const DCMO = 'urn:oma:mo:oma-dcmo:1.0';
const instance = (moid: string, miid: string): TreeInstance => ({ moid, miid, ddf: null, nodes: [] });
const instances = [instance(FUMO, 'fw'), instance(DCMO, 'Camera'), instance(DCMO, 'WiFi')];

describe('?node= references', () => {
  it('round-trips a node through its ClientURI', () => {
    const ref = { moid: FUMO, miid: 'fw', path: 'DownloadAndUpdate/PkgURL' };
    expect(refUri(ref)).toBe(`${FUMO}/fw/DownloadAndUpdate/PkgURL`);
    expect(refFromUri(refUri(ref), instances)).toEqual(ref);
    expect(refFromUri(`${FUMO}/fw/`, instances)).toEqual({ moid: FUMO, miid: 'fw', path: '' });
  });
  it('resolves the only instance and refuses ambiguous, unknown or malformed references', () => {
    expect(refFromUri(`${FUMO}//State`, instances)).toEqual({ moid: FUMO, miid: 'fw', path: 'State' });
    expect(refFromUri(`${DCMO}//Enabled`, instances)).toBeUndefined();
    expect(refFromUri(`${FUMO}/other/State`, instances)).toBeUndefined();
    expect(refFromUri('not a uri', instances)).toBeUndefined();
    expect(refFromUri(`${FUMO}/fw/*/PkgURL`, instances)).toBeUndefined();
  });
});
