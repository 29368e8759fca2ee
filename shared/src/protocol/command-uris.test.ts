import { describe, expect, it } from 'vitest';
import {
  clientUriPositions,
  clientUrisOf,
  COMMAND_URI_POSITIONS,
  commandParts,
  serverUriOf,
  serverUriPosition,
  targetClientUri,
  takesClientUri,
} from './command-uris';
import { COMMAND_NAMES, dmCommandSchema } from './commands.schema';
import { parseClientUri } from './client-uri';

const SERVER = 'https://dmc.example/dr/objects/abc';
const CLIENT = 'urn:oma:mo:oma-dm-devinfo:1.0/x/Mod';

/** The longest command of each name that its schema accepts, built from the table alone. */
function sample(name: (typeof COMMAND_NAMES)[number]): string[] {
  const { server, client, clientRepeats } = COMMAND_URI_POSITIONS[name];
  // DEFAULT ends with a MOID, which the table does not list.
  const last = name === 'DEFAULT' ? 2 : Math.max(0, ...server, ...client);
  const length = last + 1 + (clientRepeats ? 1 : 0);
  const command = [name as string];
  for (let i = 1; i < length; i += 1) {
    command.push(server.includes(i) ? SERVER : name === 'DEFAULT' ? 'urn:oma:mo:oma-fumo:1.0' : CLIENT);
  }
  return command;
}

describe('URI positions of DM commands', () => {
  it('describe commands the wire schema accepts', () => {
    for (const name of COMMAND_NAMES) {
      expect(dmCommandSchema.safeParse(sample(name)).success, name).toBe(true);
    }
  });

  it('put ClientURIs only where ClientURIs parse', () => {
    for (const name of COMMAND_NAMES) {
      for (const { uri } of clientUrisOf(sample(name))) expect(parseClientUri(uri).ok, name).toBe(true);
    }
  });

  it('expand the repeated ClientURI of HPUT and HPOST', () => {
    expect(clientUriPositions(['HPUT', SERVER, 'a', 'b', 'c'])).toEqual([2, 3, 4]);
    expect(clientUriPositions(['HGET', SERVER, 'a'])).toEqual([2]);
    expect(clientUriPositions(['NOPE', 'a'])).toEqual([]);
  });

  it('skip missing and null parts', () => {
    expect(clientUrisOf(['HGET', null])).toEqual([]);
    expect(clientUrisOf(['SUB', null, CLIENT])).toEqual([{ position: 2, uri: CLIENT }]);
    expect(targetClientUri(['EXEC', CLIENT, SERVER])).toBe(CLIENT);
  });

  it('name the ServerURI and whether a ClientURI is taken', () => {
    expect(serverUriPosition('EXEC')).toBe(2);
    expect(serverUriPosition('GET')).toBeUndefined();
    expect(serverUriPosition('toString')).toBeUndefined();
    expect(serverUriOf(['SHOW', null])).toBeNull();
    expect(serverUriOf(['HGET', SERVER, CLIENT])).toBe(SERVER);
    expect(serverUriOf(['GET', CLIENT])).toBeUndefined();
    expect(takesClientUri('SHOW')).toBe(false);
    expect(takesClientUri('DEFAULT')).toBe(false);
    expect(takesClientUri('UNSUB')).toBe(true);
  });

  it('split a command into ServerURI, ClientURIs and the parts left over', () => {
    const FUMO = 'urn:oma:mo:oma-fumo:1.0';
    expect(commandParts(['HPUT', SERVER, 'a', 'b'])).toEqual({
      serverUri: SERVER,
      clientUris: ['a', 'b'],
      rest: [],
    });
    expect(commandParts(['EXEC', CLIENT, SERVER])).toEqual({
      serverUri: SERVER,
      clientUris: [CLIENT],
      rest: [],
    });
    expect(commandParts(['EXEC', CLIENT])).toEqual({ serverUri: undefined, clientUris: [CLIENT], rest: [] });
    expect(commandParts(['HGET', SERVER])).toEqual({ serverUri: SERVER, clientUris: [], rest: [] });
    expect(commandParts(['DEFAULT', SERVER, FUMO])).toEqual({
      serverUri: SERVER,
      clientUris: [],
      rest: [FUMO],
    });
    expect(commandParts(['END'])).toEqual({ serverUri: undefined, clientUris: [], rest: [] });
    expect(commandParts(['NOPE', 'a', 'b'])).toEqual({
      serverUri: undefined,
      clientUris: [],
      rest: ['a', 'b'],
    });
    for (const name of COMMAND_NAMES) {
      const command = sample(name);
      const { serverUri, clientUris, rest } = commandParts(command);
      expect(1 + (serverUri === undefined ? 0 : 1) + clientUris.length + rest.length, name).toBe(
        command.length,
      );
    }
  });
});
