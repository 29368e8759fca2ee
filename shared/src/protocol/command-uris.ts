// Which positions of each DM command hold URIs (protocol §4). The server, the console, the dry run
// and the simulator read command arrays through this table and restate it nowhere else.
import { COMMAND_NAMES, type CommandName } from './commands.schema';

export interface CommandUriPositions {
  /** Positions holding a ServerURI (a URL of the server or the DR). */
  readonly server: readonly number[];
  /** Positions holding a ClientURI (a location in the device's tree). */
  readonly client: readonly number[];
  /** The last ClientURI position repeats to the end of the command (HPUT, HPOST). */
  readonly clientRepeats: boolean;
}

const at = (server: readonly number[], client: readonly number[], clientRepeats = false) => ({
  server,
  client,
  clientRepeats,
});

export const COMMAND_URI_POSITIONS: Readonly<Record<CommandName, CommandUriPositions>> = {
  HGET: at([1], [2]),
  HPUT: at([1], [2], true),
  HPOST: at([1], [2], true),
  DELETE: at([], [1]),
  EXEC: at([2], [1]),
  GET: at([], [1]),
  SHOW: at([1], []),
  CONT: at([1], []),
  END: at([], []),
  // Position 2 of DEFAULT is a MOID, not a ClientURI: `commandParts` leaves it in `rest`.
  DEFAULT: at([1], []),
  SUB: at([1], [2]),
  UNSUB: at([], [1]),
};

function positionsOf(name: unknown): CommandUriPositions | undefined {
  return (COMMAND_NAMES as readonly unknown[]).includes(name)
    ? COMMAND_URI_POSITIONS[name as CommandName]
    : undefined;
}

/** The ClientURI positions of a command, the repeated last one expanded to its length. */
export function clientUriPositions(command: readonly unknown[]): number[] {
  const positions = positionsOf(command[0]);
  if (!positions) return [];
  const list = [...positions.client];
  const last = list.at(-1);
  if (positions.clientRepeats && last !== undefined) {
    for (let i = last + 1; i < command.length; i += 1) list.push(i);
  }
  return list;
}

/** The ClientURIs a command names, with their positions; missing and null parts are left out. */
export function clientUrisOf<T extends string | null | undefined>(
  command: readonly T[],
): { position: number; uri: string }[] {
  return clientUriPositions(command).flatMap((position) => {
    const uri = command[position];
    return typeof uri === 'string' ? [{ position, uri }] : [];
  });
}

/** The first ClientURI of a command (its target), if it names one. */
export function targetClientUri<T extends string | null | undefined>(
  command: readonly T[],
): string | undefined {
  return clientUrisOf(command)[0]?.uri;
}

/** The position of a command's ServerURI (the first, where there are several), if it has one. */
export function serverUriPosition(name: unknown): number | undefined {
  return positionsOf(name)?.server[0];
}

/**
 * The part at a command's ServerURI position: a URL, `null` where the server is to make one (console
 * input), undefined when the command has none there.
 */
export function serverUriOf<T extends string | null | undefined>(command: readonly T[]): T | undefined {
  const position = serverUriPosition(command[0]);
  return position === undefined ? undefined : command[position];
}

/** True when the command takes a ClientURI at all. */
export function takesClientUri(name: CommandName): boolean {
  return COMMAND_URI_POSITIONS[name].client.length > 0;
}

/** A command split by the table: its ServerURI, its ClientURIs and the parts that are neither. */
export interface CommandParts<T extends string | null | undefined> {
  /** The part at the ServerURI position; undefined when the command has none there. */
  readonly serverUri: T | undefined;
  /** The ClientURIs in position order; missing and null parts are left out. */
  readonly clientUris: readonly string[];
  /** The parts after the name at no URI position, in order (DEFAULT's MOID). */
  readonly rest: readonly T[];
}

/** Splits a command into its ServerURI, ClientURIs and remaining parts through the table. */
export function commandParts<T extends string | null | undefined>(command: readonly T[]): CommandParts<T> {
  const uriPositions = new Set([...(positionsOf(command[0])?.server ?? []), ...clientUriPositions(command)]);
  return {
    serverUri: serverUriOf(command),
    clientUris: clientUrisOf(command).map((c) => c.uri),
    rest: command.slice(1).filter((_, i) => !uriPositions.has(i + 1)),
  };
}
