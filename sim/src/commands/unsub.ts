import { STATUS } from '@dmc/shared/protocol';
import { status, type CommandHandler } from './context';

/** UNSUB ClientURI: must equal a SUB's ClientURI, else 404 (protocol §4). */
export const unsub: CommandHandler = ({ clientUris: [clientUri] }, ctx) =>
  Promise.resolve(
    status(
      clientUri !== undefined && ctx.device.subscriptions.remove(clientUri) ? STATUS.OK : STATUS.NOT_FOUND,
    ),
  );
