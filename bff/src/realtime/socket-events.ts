// The table of client → server socket events (protocol §8.8): their access and payload schema.
import { deviceWatchInputSchema } from '@dmc/shared/events';
import { isDeviceRoom, deviceRoom } from './rooms';
import { SocketRefusal, type SocketEventTable } from './socket-event';

/** How many device rooms one socket may watch at once; one more is refused with TOO_MANY_ROOMS. */
export const MAX_DEVICE_ROOMS_PER_SOCKET = 50;

export const SOCKET_EVENTS: SocketEventTable = {
  // Watching only reads a device's events: every role that may read the fleet (support too).
  'device:watch': {
    summary: "Join a device's room for its detailed events (tree:changed, device:refused)",
    access: { kind: 'action', action: 'fleet:read' },
    input: deviceWatchInputSchema,
    async handle({ socket, input }) {
      const room = deviceRoom(input.devId);
      if (socket.rooms.has(room)) return null;
      const watched = [...socket.rooms].filter(isDeviceRoom).length;
      if (watched >= MAX_DEVICE_ROOMS_PER_SOCKET) {
        throw new SocketRefusal(
          'TOO_MANY_ROOMS',
          `A socket may watch at most ${MAX_DEVICE_ROOMS_PER_SOCKET} devices; unwatch one first.`,
        );
      }
      await socket.join(room);
      return null;
    },
  },
  'device:unwatch': {
    summary: "Leave a device's room",
    access: { kind: 'action', action: 'fleet:read' },
    input: deviceWatchInputSchema,
    async handle({ socket, input }) {
      await socket.leave(deviceRoom(input.devId));
      return null;
    },
  },
};
