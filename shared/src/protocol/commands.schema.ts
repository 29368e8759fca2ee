import { z } from 'zod';

/** The 12 DM 2.0 command names (protocol §4). */
export const COMMAND_NAMES = [
  'HGET',
  'HPUT',
  'HPOST',
  'DELETE',
  'EXEC',
  'GET',
  'SHOW',
  'CONT',
  'END',
  'DEFAULT',
  'SUB',
  'UNSUB',
] as const;
export const commandNameSchema = z.enum(COMMAND_NAMES);
export type CommandName = z.infer<typeof commandNameSchema>;

const uri = z.string().min(1);

/** HGET ServerURI [, ClientURI]: fetch data from the DR and write it at ClientURI. */
export const hgetCommandSchema = z.union([
  z.tuple([z.literal('HGET'), uri]),
  z.tuple([z.literal('HGET'), uri, uri]),
]);
/** HPUT ServerURI, ClientURI [, ClientURI …]: upload the data at each ClientURI with PUT. */
export const hputCommandSchema = z.tuple([z.literal('HPUT'), uri, uri], uri);
/** HPOST ServerURI, ClientURI [, ClientURI …]: as HPUT, with POST. */
export const hpostCommandSchema = z.tuple([z.literal('HPOST'), uri, uri], uri);
/** DELETE ClientURI: remove a node with its subtree. */
export const deleteCommandSchema = z.tuple([z.literal('DELETE'), uri]);
/** EXEC ClientURI [, ServerURI]: run an executable node; the ServerURI receives the async outcome. */
export const execCommandSchema = z.union([
  z.tuple([z.literal('EXEC'), uri]),
  z.tuple([z.literal('EXEC'), uri, uri]),
]);
/** GET ClientURI: read the data at ClientURI in this session. */
export const getCommandSchema = z.tuple([z.literal('GET'), uri]);
/** SHOW ServerURI: open the device browser on a page. */
export const showCommandSchema = z.tuple([z.literal('SHOW'), uri]);
/** CONT ServerURI: later P3s of this session go to ServerURI. */
export const contCommandSchema = z.tuple([z.literal('CONT'), uri]);
/** END: the session ends after this package; no P3 follows. */
export const endCommandSchema = z.tuple([z.literal('END')]);
/** DEFAULT ServerURI, MOID: the default configuration source for an MO. */
export const defaultCommandSchema = z.tuple([z.literal('DEFAULT'), uri, uri]);
/** SUB ServerURI, ClientURI: report later changes under ClientURI to ServerURI. */
export const subCommandSchema = z.tuple([z.literal('SUB'), uri, uri]);
/** UNSUB ClientURI: cancel a SUB. */
export const unsubCommandSchema = z.tuple([z.literal('UNSUB'), uri]);

/** Any one DM 2.0 command as it travels in P2's CMD array. */
export const dmCommandSchema = z.union([
  hgetCommandSchema,
  hputCommandSchema,
  hpostCommandSchema,
  deleteCommandSchema,
  execCommandSchema,
  getCommandSchema,
  showCommandSchema,
  contCommandSchema,
  endCommandSchema,
  defaultCommandSchema,
  subCommandSchema,
  unsubCommandSchema,
]);
export type DmCommand = z.infer<typeof dmCommandSchema>;
