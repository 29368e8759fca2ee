import { STATUS } from '@dmc/shared/protocol';
import { isHttpUrl, status, type CommandHandler } from './context';

/** SHOW ServerURI: starts the device browser; 200 started, 500 could not start (protocol §4). */
export const show: CommandHandler = async ({ serverUri }, ctx) => {
  if (!isHttpUrl(serverUri)) return status(STATUS.BAD_REQUEST);
  try {
    return status((await ctx.device.browser(serverUri)) ? STATUS.OK : STATUS.COMMAND_FAILED);
  } catch (e) {
    ctx.device.log(`SHOW: the browser failed: ${e instanceof Error ? e.message : String(e)}`);
    return status(STATUS.COMMAND_FAILED);
  }
};
