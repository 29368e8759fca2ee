import { STATUS } from '@dmc/shared/protocol';
import { refused, status, type CommandHandler } from './context';

/** GET ClientURI → 200 with Data, 304 on a matching cv, 404/405/409/400 (protocol §4). */
export const get: CommandHandler = ({ clientUris: [clientUri] }, ctx) => {
  const read = ctx.device.store.read(clientUri ?? '');
  if (!read.ok) return Promise.resolve(refused(ctx, 'GET', read));
  if (read.value.kind === 'not-modified') return Promise.resolve(status(STATUS.NOT_MODIFIED));
  return Promise.resolve({ sc: STATUS.OK, Data: read.value.items });
};
