// socket.io for consoles: authenticated with the session cookie or a bearer token at the handshake.
// Profile §10: a handshake whose Origin is foreign is refused before anything else; a handshake with no
// Origin (not a browser: browsers always send it on WebSocket) must authenticate with a token, never
// with the cookie alone, so no page elsewhere can ride the console's session.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AuthService } from '../domain/auth/auth.service';
import { tokenFromHeaders } from '../domain/auth/credentials';
import type { DisconnectTokens, DisconnectUser } from '../domain/auth/session-revocation';
import { tokenHash } from '../domain/auth/tokens';
import { StoreUnavailableError } from '../persistence/ports';
import { originOf, ownOrigins, requestScheme } from '../domain/auth/origins';
import type { ConsoleServer } from './console-socket';
import type { Logger } from 'pino';
import type { Clock } from '../domain/ports';
import { registerSocketEvents } from './socket-dispatch';
import type { AnySocketEvent } from './socket-event';
import { SOCKET_EVENTS } from './socket-events';
import { CONSOLE_ROOM, sessionRoom, userRoom } from './rooms';
import { coalesceUpgradedWrites } from './write-coalescing';

/** A handshake without Origin, or with the console's own; anything else (`null` included) is foreign. */
export function isAllowedOrigin(req: IncomingMessage, publicOrigin: string | undefined): boolean {
  const { origin } = req.headers;
  if (origin === undefined) return true;
  const claimed = originOf(origin);
  const scheme = requestScheme(req.headers['x-forwarded-proto'], req.socket);
  return claimed !== undefined && ownOrigins(req.headers.host, scheme, publicOrigin).has(claimed);
}

export function createSocketServer(
  httpServer: HttpServer,
  auth: AuthService,
  options: {
    publicUrl: string;
    clock: Clock;
    log?: Logger;
    /** The client → server events and their access; SOCKET_EVENTS unless a test gives its own. */
    events?: Readonly<Record<string, AnySocketEvent>>;
  },
): ConsoleServer {
  const publicOrigin = originOf(options.publicUrl);
  const events = options.events ?? SOCKET_EVENTS;
  const deps = { auth, clock: options.clock, ...(options.log ? { log: options.log } : {}) };
  // Before socket.io attaches: each WebSocket's frames of one turn leave in one system call.
  coalesceUpgradedWrites(httpServer);
  const io: ConsoleServer = new Server(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const allowed = isAllowedOrigin(req, publicOrigin);
      callback(allowed ? null : 'FORBIDDEN', allowed);
    },
  });

  io.use((socket, next) => {
    const handshakeToken: unknown = socket.handshake.auth.token;
    const { headers } = socket.handshake;
    const fromBrowser = headers.origin !== undefined;
    // Without Origin only a token counts (handshake auth or Bearer); the cookie is a browser's.
    const token =
      typeof handshakeToken === 'string' && handshakeToken !== ''
        ? handshakeToken
        : tokenFromHeaders(fromBrowser ? headers : { authorization: headers.authorization });
    if (!token) {
      next(new Error('UNAUTHENTICATED'));
      return;
    }
    auth.authenticate(token).then(
      (user) => {
        socket.data.user = user;
        socket.data.token = token;
        socket.data.tokenHash = tokenHash(token);
        next();
      },
      // A database outage is not a sign-out: the console keeps its session and retries.
      (err: unknown) =>
        next(new Error(err instanceof StoreUnavailableError ? 'SERVICE_UNAVAILABLE' : 'UNAUTHENTICATED')),
    );
  });

  io.on('connection', (socket) => {
    void socket.join([CONSOLE_ROOM, userRoom(socket.data.user.username), sessionRoom(socket.data.tokenHash)]);
    registerSocketEvents(socket, events, deps);
  });

  return io;
}

/**
 * Ends the live sockets of a console user on every instance (through the Redis adapter when there
 * is one), but those of the session `keepTokenHash`.
 */
export function socketDisconnector(io: ConsoleServer): DisconnectUser {
  return (username, keepTokenHash) => {
    const sockets = io.in(userRoom(username));
    (keepTokenHash === undefined ? sockets : sockets.except(sessionRoom(keepTokenHash))).disconnectSockets(
      true,
    );
  };
}

/** Ends the live sockets of console sessions or API tokens (by their hashes) on every instance. */
export function tokenDisconnector(io: ConsoleServer): DisconnectTokens {
  return (hashes) => {
    if (hashes.length === 0) return;
    io.in(hashes.map(sessionRoom)).disconnectSockets(true);
  };
}
