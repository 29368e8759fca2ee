// socket.io for consoles: authenticated with the session cookie or a bearer token at the handshake.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AuthService } from '../domain/auth/auth.service';
import { tokenFromHeaders } from '../domain/auth/credentials';
import { StoreUnavailableError } from '../persistence/ports';
import type { ConsoleServer } from './console-socket';
import { registerDeviceHandlers } from './device.handlers';
import { CONSOLE_ROOM } from './rooms';

export function createSocketServer(httpServer: HttpServer, auth: AuthService): ConsoleServer {
  const io: ConsoleServer = new Server(httpServer, { serveClient: false });

  io.use((socket, next) => {
    const handshakeToken: unknown = socket.handshake.auth.token;
    const token =
      typeof handshakeToken === 'string' && handshakeToken !== ''
        ? handshakeToken
        : tokenFromHeaders(socket.handshake.headers);
    if (!token) {
      next(new Error('UNAUTHENTICATED'));
      return;
    }
    auth.authenticate(token).then(
      (user) => {
        socket.data.user = user;
        next();
      },
      // A database outage is not a sign-out: the console keeps its session and retries.
      (err: unknown) =>
        next(new Error(err instanceof StoreUnavailableError ? 'SERVICE_UNAVAILABLE' : 'UNAUTHENTICATED')),
    );
  });

  io.on('connection', (socket) => {
    void socket.join(CONSOLE_ROOM);
    registerDeviceHandlers(socket);
  });

  return io;
}
