import type { CommandHandler } from './context';
import { hputLike } from './hput';

/** HPOST ServerURI, ClientURI…: as HPUT, with POST. */
export const hpost: CommandHandler = (input, ctx) => hputLike('POST', input, ctx);
