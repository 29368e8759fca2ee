// The types of the console's socket.io connection: what each socket carries after the handshake.
import type { Server, Socket } from 'socket.io';
import type { User } from '@dmc/shared/api';
import type { ClientToServerEvents, ServerToClientEvents } from '@dmc/shared/events';

export interface SocketData {
  user: User;
  /** The session or API token the handshake authenticated with; checked again on every event. */
  token: string;
  /** The hash of the session token the socket signed in with. */
  tokenHash: string;
}

export type ConsoleServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export type ConsoleSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
