import type { CommandHandler } from './context';
import { hputLike } from './hput';

/** HPOST ServerURI, ClientURI…: as HPUT, with POST. */
export const hpost: CommandHandler = (params, ctx) => hputLike('POST', params, ctx);
