import { STATUS } from '@dmc/shared/protocol';
import { isHttpUrl, refused, status, type CommandHandler } from './context';

/** SUB ServerURI, ClientURI: 200, or 404 when the ClientURI addresses nothing. */
export const sub: CommandHandler = ({ serverUri, clientUris: [clientUri] }, ctx) => {
  if (!isHttpUrl(serverUri) || clientUri === undefined) return Promise.resolve(status(STATUS.BAD_REQUEST));
  const store = ctx.device.store;
  const uri = store.parse(clientUri);
  if (!uri.ok) return Promise.resolve(refused(ctx, 'SUB', uri));
  const found = store.resolve(uri.value);
  if (!found.ok) return Promise.resolve(refused(ctx, 'SUB', found));
  ctx.device.subscriptions.add(clientUri, uri.value, serverUri);
  return Promise.resolve(status(STATUS.OK));
};
