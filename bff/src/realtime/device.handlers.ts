import type { Socket } from 'socket.io';
import {
  deviceWatchInputSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@dmc/shared/events';
import { deviceRoom } from './rooms';
import type { SocketData } from './socket-server';

type ConsoleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** device:watch / device:unwatch: join or leave a device's room for its detailed events. */
export function registerDeviceHandlers(socket: ConsoleSocket): void {
  socket.on('device:watch', (payload, ack) => {
    const parsed = deviceWatchInputSchema.safeParse(payload);
    if (typeof ack !== 'function') return;
    if (!parsed.success) {
      ack({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'devId is required' } });
      return;
    }
    void socket.join(deviceRoom(parsed.data.devId));
    ack({ ok: true, data: null });
  });

  socket.on('device:unwatch', (payload, ack) => {
    const parsed = deviceWatchInputSchema.safeParse(payload);
    if (typeof ack !== 'function') return;
    if (!parsed.success) {
      ack({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'devId is required' } });
      return;
    }
    void socket.leave(deviceRoom(parsed.data.devId));
    ack({ ok: true, data: null });
  });
}
