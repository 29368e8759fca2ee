import type { EventPublisher } from '../domain/ports';
import { CONSOLE_ROOM, deviceRoom } from './rooms';
import type { ConsoleServer } from './console-socket';

/** Implements the EventPublisher port by emitting to socket.io rooms. */
export function createSocketPublisher(io: ConsoleServer): EventPublisher {
  return {
    publish(event, payload, scope) {
      const room = scope ? deviceRoom(scope.devId) : CONSOLE_ROOM;
      // The union of event names defeats socket.io's per-event typing here; payloads are typed by the port.
      (io.to(room).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
  };
}
