import type { MoSerialization } from '@dmc/shared/protocol';
import { STATUS } from '@dmc/shared/protocol';
import {
  isHttpUrl,
  refused,
  status,
  type CommandContext,
  type CommandHandler,
  type CommandInput,
} from './context';
import { uploadSerialization } from './upload';

export async function hputLike(
  method: 'PUT' | 'POST',
  { serverUri, clientUris }: CommandInput,
  ctx: CommandContext,
): Promise<{ sc: number }> {
  if (!isHttpUrl(serverUri) || clientUris.length === 0) return status(STATUS.BAD_REQUEST);
  const items: MoSerialization = [];
  let unchanged = 0;
  for (const clientUri of clientUris) {
    const read = ctx.device.store.read(clientUri);
    if (!read.ok) return refused(ctx, `H${method}`, read);
    if (read.value.kind === 'not-modified') unchanged += 1;
    else items.push(...read.value.items);
  }
  // protocol §5.1: nothing is sent when every addressed instance is unchanged.
  if (unchanged === clientUris.length) return status(STATUS.NOT_MODIFIED);
  return status(await uploadSerialization(method, serverUri, items, ctx.session.dmAccept));
}

/** HPUT ServerURI, ClientURI…: serializes each ClientURI and PUTs them to the DR. */
export const hput: CommandHandler = (input, ctx) => hputLike('PUT', input, ctx);
