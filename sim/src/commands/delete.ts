import { STATUS } from '@dmc/shared/protocol';
import { refused, status, type CommandHandler } from './context';

/** DELETE ClientURI: removes the node and its subtree; 405 on a permanent node (protocol §4). */
export const deleteCommand: CommandHandler = ({ clientUris: [clientUri] }, ctx) => {
  const done = ctx.device.store.delete(clientUri ?? '');
  return Promise.resolve(done.ok ? status(STATUS.OK) : refused(ctx, 'DELETE', done));
};
