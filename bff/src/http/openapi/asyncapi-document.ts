// Builds the AsyncAPI 3.0 document of the console's live events (protocol §8.8), served beside the
// OpenAPI document at /api/v1/asyncapi.json. Payload schemas come from the shared event contracts
// (`serverEventSchemas`) and the client → server table (`realtime/socket-events.ts`) through the same
// zod → JSON Schema conversion as the OpenAPI document; none is written by hand. The two tables
// below are typed by event name, so an event added to the contracts without a line here fails to
// compile.
import { z } from 'zod';
import { SESSION_COOKIE } from '@dmc/shared/api';
import {
  SOCKET_REFUSAL_CODES,
  serverEventSchemas,
  socketRefusedEventSchema,
  type ServerEventName,
} from '@dmc/shared/events';
import { SOCKET_EVENTS } from '../../realtime/socket-events';
import type { ClientEventName } from '../../realtime/socket-event';
import { inlineSchema } from './openapi-document';

type JsonObject = Record<string, unknown>;

/** Which room an event goes to: every signed-in console, or only sockets watching the device. */
type Room = 'console' | 'device';

const SERVER_EVENTS: Readonly<Record<ServerEventName, { room: Room; summary: string }>> = {
  'device:updated': {
    room: 'console',
    summary: 'A device was registered or changed (contact, DevInfo, labels, push URL); carries its new view.',
  },
  'device:removed': { room: 'console', summary: 'A device was removed.' },
  'session:started': { room: 'console', summary: 'A device started a DM session.' },
  'session:ended': { room: 'console', summary: 'A DM session ended, with the reason.' },
  'command:state-changed': {
    room: 'console',
    summary: 'A queued command moved on (sent, ok, failed, …) with its status code and delivery count.',
  },
  'tree:changed': {
    room: 'device',
    summary: "Nodes of the device's stored tree changed; at most 2,000 changes per event.",
  },
  'alert:received': { room: 'console', summary: 'A device sent an alert.' },
  'alert:acknowledged': { room: 'console', summary: 'Console users acknowledged alerts.' },
  'notification:updated': {
    room: 'console',
    summary: 'A wake-up notification (P0) changed state: sent, answered, retried, failed.',
  },
  'operation:updated': {
    room: 'console',
    summary: 'A firmware update or software install moved on (consent, running, ok, failed).',
  },
  'device:refused': { room: 'device', summary: 'A contact of the device was refused and recorded.' },
  'campaign:updated': { room: 'console', summary: 'A campaign changed: state, wave, counts.' },
  'profile:changed': { room: 'console', summary: 'A configuration profile was created, changed or removed.' },
  'profile:counts': {
    room: 'console',
    summary: "A profile's device counts (verified, pending, failed, conflicted) moved.",
  },
  'profile:device-state': { room: 'device', summary: "The device's state in one profile changed." },
};

/** The events each room carries, from the table above. */
export function eventsOfRoom(room: Room): ServerEventName[] {
  return (Object.keys(SERVER_EVENTS) as ServerEventName[]).filter(
    (name) => SERVER_EVENTS[name].room === room,
  );
}

/** AsyncAPI keys allow `[A-Za-z0-9._-]`; event names use `:`. */
const keyOf = (event: string) => event.replace(/:/g, '.');

const ackSchema = z.union([
  z.object({ ok: z.literal(true), data: z.null() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.enum(SOCKET_REFUSAL_CODES), message: z.string() }),
  }),
]);

function message(name: string, summary: string, payload: JsonObject): JsonObject {
  return { name, title: name, summary, contentType: 'application/json', payload };
}

function messages(): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const name of Object.keys(serverEventSchemas) as ServerEventName[]) {
    out[keyOf(name)] = message(
      name,
      SERVER_EVENTS[name].summary,
      inlineSchema(serverEventSchemas[name], 'output', 'draft-7'),
    );
  }
  out[keyOf('socket:refused')] = message(
    'socket:refused',
    'To the one socket whose event, sent without an acknowledgement callback, was refused.',
    inlineSchema(socketRefusedEventSchema, 'output', 'draft-7'),
  );
  for (const name of Object.keys(SOCKET_EVENTS) as ClientEventName[]) {
    out[keyOf(name)] = message(
      name,
      SOCKET_EVENTS[name].summary,
      inlineSchema(SOCKET_EVENTS[name].input, 'input', 'draft-7'),
    );
  }
  out.ack = message(
    'ack',
    'The acknowledgement of a client → server event (the callback’s one argument).',
    inlineSchema(ackSchema, 'output', 'draft-7'),
  );
  return out;
}

const messageRef = (event: string) => ({ $ref: `#/components/messages/${keyOf(event)}` });
const channelMessages = (events: readonly string[]) =>
  Object.fromEntries(events.map((event) => [keyOf(event), messageRef(event)]));

function receiveOperations(channel: string, events: readonly ServerEventName[]): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const event of events) {
    out[`receive.${keyOf(event)}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channel}` },
      summary: SERVER_EVENTS[event].summary,
      messages: [{ $ref: `#/channels/${channel}/messages/${keyOf(event)}` }],
    };
  }
  return out;
}

function sendOperations(): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const name of Object.keys(SOCKET_EVENTS) as ClientEventName[]) {
    const { access, summary } = SOCKET_EVENTS[name];
    out[`send.${keyOf(name)}`] = {
      action: 'send',
      channel: { $ref: '#/channels/requests' },
      summary,
      description: `Needs ${access.kind === 'action' ? `the \`${access.action}\` permission` : 'a sign-in'}. Emit with an acknowledgement callback; it is called with \`ack\`.`,
      messages: [{ $ref: `#/channels/requests/messages/${keyOf(name)}` }],
      reply: {
        channel: { $ref: '#/channels/requests' },
        messages: [{ $ref: '#/channels/requests/messages/ack' }],
      },
    };
  }
  return out;
}

export function buildAsyncApiDocument(options: {
  version: string;
  serverUrl: string;
}): Record<string, unknown> {
  const url = new URL(options.serverUrl);
  const consoleEvents = eventsOfRoom('console');
  const deviceEvents = eventsOfRoom('device');
  const clientEvents = Object.keys(SOCKET_EVENTS) as ClientEventName[];
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'dmc live events',
      version: options.version,
      description:
        'socket.io events of the dmc console (protocol §8.8). Connect a socket.io v4 client to the server URL ' +
        '(path `/socket.io/`) with `auth: { token }` (an API token or a bearer session token); browsers on the ' +
        "console's own origin may use the session cookie instead. Every signed-in socket receives the " +
        "`console` channel; emit `device:watch { devId }` to also receive one device's `device:{devId}` " +
        'channel. Payloads are JSON, published after the change commits. See docs/events.md.',
    },
    defaultContentType: 'application/json',
    servers: {
      dmc: {
        host: url.host,
        protocol: url.protocol === 'https:' ? 'wss' : 'ws',
        pathname: '/socket.io/',
        description: 'socket.io v4 (Engine.IO 4) over WebSocket or HTTP long-polling.',
        security: [
          { $ref: '#/components/securitySchemes/token' },
          { $ref: '#/components/securitySchemes/sessionCookie' },
        ],
      },
    },
    channels: {
      console: {
        address: 'console',
        title: 'Every signed-in console',
        description: 'Joined at the handshake; fleet-wide events.',
        messages: channelMessages(consoleEvents),
      },
      device: {
        address: 'device:{devId}',
        title: 'One watched device',
        description:
          'Joined with `device:watch { devId }` and left with `device:unwatch`; a socket watches at most 50 devices.',
        parameters: { devId: { description: 'The DevID of the watched device.' } },
        messages: channelMessages(deviceEvents),
      },
      requests: {
        address: null,
        title: 'Client → server events and their acknowledgements',
        messages: channelMessages([...clientEvents, 'ack', 'socket:refused']),
      },
    },
    operations: {
      ...receiveOperations('console', consoleEvents),
      ...receiveOperations('device', deviceEvents),
      'receive.socket.refused': {
        action: 'receive',
        channel: { $ref: '#/channels/requests' },
        summary: 'An event sent without an acknowledgement callback was refused.',
        messages: [{ $ref: '#/channels/requests/messages/socket.refused' }],
      },
      ...sendOperations(),
    },
    components: {
      messages: messages(),
      securitySchemes: {
        token: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Sent in the socket.io handshake as `auth: { token }` (or `Authorization: Bearer`): an API token (`dmc_…`, POST /api/v1/tokens) or the `token` of POST /api/v1/auth/login with `"bearer": true`. Clients that are not browsers must use a token.',
        },
        sessionCookie: {
          type: 'httpApiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: "The console's session cookie; honoured only from the console's own origin.",
        },
      },
    },
  };
}
