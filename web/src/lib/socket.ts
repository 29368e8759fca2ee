import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dmc/shared/events';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The console's one socket; connected by the shell once the user is signed in (cookie auth). */
export const socket: ConsoleSocket = io({
  path: '/socket.io',
  autoConnect: false,
  withCredentials: true,
});
