import { STATUS } from '@dmc/shared/protocol';
import { isHttpUrl, status, type CommandHandler } from './context';

/** DEFAULT ServerURI, MOID: one configuration source per MOID, a new one replaces the old. */
export const defaultCommand: CommandHandler = ({ serverUri, rest: [moid] }, ctx) => {
  if (!isHttpUrl(serverUri) || moid === undefined || !/^urn:/i.test(moid)) {
    return Promise.resolve(status(STATUS.BAD_REQUEST));
  }
  ctx.device.defaults.set(moid, serverUri);
  return Promise.resolve(status(STATUS.OK));
};
