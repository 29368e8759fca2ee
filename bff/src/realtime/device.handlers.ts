import { deviceWatchInputSchema } from '@dmc/shared/events';
import type { ConsoleSocket } from './console-socket';
import { deviceRoom } from './rooms';

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
