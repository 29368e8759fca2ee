import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dmc/shared/events';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The console's one socket; connected by the shell once the user is signed in (cookie auth).
 * WebSocket only: its handshake always carries Origin, which the server checks (profile §10); long
 * polling's same-origin GETs carry none, and its POSTs say `Origin: null` under `no-referrer`.
 */
export const socket: ConsoleSocket = io({
  path: '/socket.io',
  transports: ['websocket'],
  autoConnect: false,
  withCredentials: true,
});
