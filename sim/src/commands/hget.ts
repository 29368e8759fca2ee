import type { FlatNode, MoSerialization } from '@dmc/shared/protocol';
import { flattenMoData, MEDIA_TYPES, normaliseMoSerialization, STATUS } from '@dmc/shared/protocol';
import { httpFetch } from '../dm-http';
import { locationUri, type WriteTarget } from '../mo-store';
import { joinPath } from '../mo-tree';
import type { Outcome } from '../result';
import { isHttpUrl, refused, status, type CommandContext, type CommandHandler } from './context';
import { chooseLocation } from './hget-location';

type Fetched = { ok: true; items: MoSerialization } | { ok: false; sc: number; message: string };

/** GETs the MO serialization at the DR: 500 when the transfer fails, 415 for a body it cannot read. */
async function fetchData(serverUri: string): Promise<Fetched> {
  let response: Response;
  let text: string;
  try {
    response = await httpFetch(serverUri, { headers: { Accept: `${MEDIA_TYPES.moData}, application/json` } });
    text = await response.text();
  } catch (e) {
    return { ok: false, sc: STATUS.COMMAND_FAILED, message: e instanceof Error ? e.message : String(e) };
  }
  if (!response.ok)
    return { ok: false, sc: STATUS.COMMAND_FAILED, message: `the DR answered ${response.status}` };
  const type = response.headers.get('content-type') ?? '';
  if (type !== '' && !/json/i.test(type)) {
    return { ok: false, sc: STATUS.UNSUPPORTED_MEDIA_TYPE, message: `cannot read ${type}` };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, sc: STATUS.UNSUPPORTED_MEDIA_TYPE, message: 'the body is not JSON' };
  }
  const normalised = normaliseMoSerialization(body);
  if (!normalised.ok) return { ok: false, sc: STATUS.UNSUPPORTED_MEDIA_TYPE, message: normalised.error };
  return { ok: true, items: normalised.value };
}

function writeItem(ctx: CommandContext, target: WriteTarget, item: MoSerialization[number]): Outcome<string> {
  const store = ctx.device.store;
  const { moid, path } = target.location;
  const flat = flattenMoData(item.MOData, joinPath(path), store.rootName(moid));
  if (!flat.ok) return { ok: false, sc: STATUS.UNSUPPORTED_MEDIA_TYPE, message: flat.error };
  const nodes: FlatNode[] = flat.nodes;
  const written = store.write(target, nodes);
  return written.ok ? { ok: true, value: locationUri(written.value) } : written;
}

/**
 * HGET ServerURI [, ClientURI]: fetches MO data from the DR and adds or replaces it at ClientURI,
 * or at a location the device picks and reports in `URI` (protocol §4).
 */
export const hget: CommandHandler = async ({ serverUri, clientUris: [clientUri] }, ctx) => {
  if (!isHttpUrl(serverUri)) return status(STATUS.BAD_REQUEST);
  const store = ctx.device.store;
  let target: WriteTarget | undefined;
  if (clientUri !== undefined) {
    const uri = store.parse(clientUri);
    if (!uri.ok) return refused(ctx, 'HGET', uri);
    const resolved = store.resolveWrite(uri.value);
    if (!resolved.ok) return refused(ctx, 'HGET', resolved);
    target = resolved.value;
  }
  const fetched = await fetchData(serverUri);
  if (!fetched.ok) return refused(ctx, 'HGET', fetched);
  const uris: string[] = [];
  for (const item of fetched.items) {
    const where = target === undefined ? chooseLocation(store, item) : { ok: true as const, value: target };
    if (!where.ok) return refused(ctx, 'HGET', where);
    const written = writeItem(ctx, where.value, item);
    if (!written.ok) return refused(ctx, 'HGET', written);
    if (!uris.includes(written.value)) uris.push(written.value);
  }
  return target === undefined ? { sc: STATUS.OK, URI: uris } : status(STATUS.OK);
};
