import type { MoSerializationItem } from '@dmc/shared/protocol';
import { STATUS } from '@dmc/shared/protocol';
import type { MoStore, WriteTarget } from '../mo-store';
import { ok, refuse, type Outcome } from '../result';

function newMiid(store: MoStore, moid: string): string {
  const base =
    store
      .rootName(moid)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '') || 'mo';
  const taken = new Set(store.miids(moid));
  let n = taken.size + 1;
  while (taken.has(`${base}${n}`)) n += 1;
  return `${base}${n}`;
}

function singleInstanceMo(store: MoStore, moid: string): boolean {
  const occurrence = store.nodeMeta(moid, [])?.Occurrence;
  return occurrence === 'One' || occurrence === 'ZeroOrOne';
}

/** A bare `{ MOData }` carries no ClientURI: its root key may still name a supported MO. */
function moidForRoot(store: MoStore, item: MoSerializationItem): string | undefined {
  const keys = Object.keys(item.MOData);
  const key = keys.length === 1 ? keys[0] : undefined;
  return store.moInfo().find((mo) => mo.MOID !== undefined && store.rootName(mo.MOID) === key)?.MOID;
}

/**
 * HGET without a ClientURI: the device picks the location from the serialization's own ClientURI
 * (protocol §4). `MOID//` of an MO that allows several instances creates a new MIID.
 */
export function chooseLocation(store: MoStore, item: MoSerializationItem): Outcome<WriteTarget> {
  if (item.ClientURI === '') {
    const moid = moidForRoot(store, item);
    if (moid === undefined) return refuse(STATUS.CONFLICT, 'the data names no ClientURI and no known MO');
    return chooseLocation(store, { ...item, ClientURI: `${moid}//` });
  }
  const uri = store.parse(item.ClientURI);
  if (!uri.ok) return refuse(STATUS.UNSUPPORTED_MEDIA_TYPE, `the data's ${uri.message}`);
  const { moid, instance, path } = uri.value;
  if (!store.supports(moid)) return refuse(STATUS.NOT_FOUND, `unsupported MO ${moid}`);
  const existing = store.miids(moid);
  const createNew =
    instance.kind === 'only' &&
    path.length === 0 &&
    (existing.length === 0 || !singleInstanceMo(store, moid));
  if (createNew) {
    return ok({ location: { moid, miid: newMiid(store, moid), path: [] }, instanceExists: false });
  }
  return store.resolveWrite(uri.value);
}
