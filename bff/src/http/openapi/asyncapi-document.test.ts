import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverEventSchemas } from '@dmc/shared/events';
import { startTestServer, type TestServer } from '../../../test/support/test-server';
import { SOCKET_EVENTS } from '../../realtime/socket-events';
import { VERSION } from '../routes/health.routes';
import { buildAsyncApiDocument, eventsOfRoom } from './asyncapi-document';

interface Message {
  name: string;
  payload: { type?: string; properties?: Record<string, unknown> };
}
interface Doc {
  asyncapi: string;
  info: { version: string };
  servers: { dmc: { host: string; protocol: string; pathname: string } };
  channels: Record<string, { address: string | null; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; messages: { $ref: string }[] }>;
  components: { messages: Record<string, Message> };
}

const build = () =>
  buildAsyncApiDocument({ version: '9.9.9', serverUrl: 'https://dm.example.com' }) as unknown as Doc;

/** Follows a local `#/a/b/c` reference. */
function resolve(doc: Doc, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
}

describe('the AsyncAPI document of the live events', () => {
  it('has a message, a channel and a receive operation for every server → console event of the contract', () => {
    const doc = build();
    const named = Object.values(doc.components.messages).map((m) => m.name);
    for (const event of Object.keys(serverEventSchemas)) {
      expect(named).toContain(event);
      const message = Object.values(doc.components.messages).find((m) => m.name === event);
      // The payload is the contract's object schema, with its top-level fields.
      expect(message?.payload.type).toBe('object');
      expect(Object.keys(message?.payload.properties ?? {})).toEqual(
        Object.keys(serverEventSchemas[event as keyof typeof serverEventSchemas].shape),
      );
      const receivers = Object.values(doc.operations).filter(
        (op) =>
          op.action === 'receive' &&
          op.messages.some((m) =>
            (resolve(doc, m.$ref) as { $ref: string }).$ref.endsWith(event.replace(/:/g, '.')),
          ),
      );
      expect(receivers).toHaveLength(1);
    }
  });

  it('puts device-scoped events on the device channel and the rest on the console channel', () => {
    const doc = build();
    expect(eventsOfRoom('device').sort()).toEqual(['device:refused', 'profile:device-state', 'tree:changed']);
    expect(doc.channels.device?.address).toBe('device:{devId}');
    expect(Object.keys(doc.channels.device?.messages ?? {}).sort()).toEqual([
      'device.refused',
      'profile.device-state',
      'tree.changed',
    ]);
    expect(Object.keys(doc.channels.console?.messages ?? {})).toHaveLength(
      Object.keys(serverEventSchemas).length - 3,
    );
  });

  it('describes every client → server event with its payload and acknowledgement, and socket:refused', () => {
    const doc = build();
    for (const event of Object.keys(SOCKET_EVENTS)) {
      const op = doc.operations[`send.${event.replace(/:/g, '.')}`];
      expect(op?.action).toBe('send');
      const message = resolve(
        doc,
        (resolve(doc, op?.messages[0]?.$ref ?? '') as { $ref: string }).$ref,
      ) as Message;
      expect(message.name).toBe(event);
      expect(message.payload.properties).toHaveProperty('devId');
    }
    expect(Object.values(doc.components.messages).map((m) => m.name)).toContain('socket:refused');
  });

  it('names the socket.io server from the public URL', () => {
    expect(build().servers.dmc).toMatchObject({
      host: 'dm.example.com',
      protocol: 'wss',
      pathname: '/socket.io/',
    });
  });

  describe('GET /api/v1/asyncapi.json', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server.close();
    });

    it('serves the document without authentication', async () => {
      const res = await fetch(`${server.baseUrl}/api/v1/asyncapi.json`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Doc;
      expect(body).toMatchObject({ asyncapi: '3.0.0', info: { version: VERSION } });
      expect(Object.keys(body.components.messages).length).toBeGreaterThan(
        Object.keys(serverEventSchemas).length,
      );
    });
  });
});
