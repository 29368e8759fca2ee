import { STATUS } from '@dmc/shared/protocol';
import { isHttpUrl, status, type CommandHandler } from './context';

/** CONT ServerURI: later P3s of this session go there (protocol §3). */
export const cont: CommandHandler = ({ serverUri }, ctx) => {
  if (!isHttpUrl(serverUri)) return Promise.resolve(status(STATUS.BAD_REQUEST));
  ctx.session.setContinuation(serverUri);
  return Promise.resolve(status(STATUS.OK));
};
