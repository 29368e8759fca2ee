import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import type { ClientToServerEvents, ServerEventName, ServerToClientEvents } from '@dmc/shared/events';
import type { ConsoleSocket } from '../lib/socket';

/** A real socket.io server on an ephemeral port and a console socket connected to it. */
export type LiveServer = {
  client: ConsoleSocket;
  /** Sends a server event to the client, as the BFF's event publisher does. */
  emit: <K extends ServerEventName>(event: K, payload: Parameters<ServerToClientEvents[K]>[0]) => void;
  /** Sends a raw payload, e.g. one the shared schema refuses. */
  emitRaw: (event: ServerEventName, payload: unknown) => void;
  close: () => Promise<void>;
};

export async function startLiveServer(): Promise<LiveServer> {
  const server = new Server<ClientToServerEvents, ServerToClientEvents>();
  server.listen(0);
  await new Promise<void>((resolve) => server.httpServer.once('listening', () => resolve()));
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const client: ConsoleSocket = io(`http://127.0.0.1:${address.port}`, {
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('connect_error', reject);
  });
  const untyped = server as unknown as { emit: (event: string, payload: unknown) => boolean };
  return {
    client,
    emit: (event, payload) => untyped.emit(event, payload),
    emitRaw: (event, payload) => untyped.emit(event, payload),
    close: async () => {
      client.disconnect();
      await server.close();
    },
  };
}
