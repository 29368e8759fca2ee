// The typed socket.io server and sockets of the console connection.
import type { Server, Socket } from 'socket.io';
import type { User } from '@dmc/shared/api';
import type { ClientToServerEvents, ServerToClientEvents } from '@dmc/shared/events';

/** What the handshake attached to a console's socket. */
export interface SocketData {
  user: User;
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
