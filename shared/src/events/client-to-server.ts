import { z } from 'zod';

/** Why the server refused a client → server event (the ack's `error.code`, or `socket:refused`). */
export const SOCKET_REFUSAL_CODES = [
  /** The session or token behind the socket ended (logout, revoked, expired); the socket is closed. */
  'UNAUTHENTICATED',
  /** The user's role does not grant the event's permission. */
  'FORBIDDEN',
  /** The payload does not match the event's schema. */
  'VALIDATION_FAILED',
  /** The socket already watches the most device rooms allowed (protocol §8.8). */
  'TOO_MANY_ROOMS',
  /** The socket sent more events than its rate allows; retry later. */
  'RATE_LIMITED',
  /** No such client → server event. */
  'UNKNOWN_EVENT',
  /** The database cannot be read now; retry later. */
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type SocketRefusalCode = (typeof SOCKET_REFUSAL_CODES)[number];

/** Acknowledgement of a client → server event. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Sent to the socket when an event it sent without an acknowledgement callback is refused. */
export const socketRefusedEventSchema = z.object({
  event: z.string(),
  error: z.object({ code: z.enum(SOCKET_REFUSAL_CODES), message: z.string() }),
});
export type SocketRefusedEvent = z.infer<typeof socketRefusedEventSchema>;

/** Subscribe to the detailed events (tree changes) of one device. */
export const deviceWatchInputSchema = z.object({ devId: z.string().min(1).max(128) });
export type DeviceWatchInput = z.infer<typeof deviceWatchInputSchema>;

/** Typed socket.io client → server events; bff/src/realtime/socket-events.ts gives each its access. */
export interface ClientToServerEvents {
  'device:watch': (payload: DeviceWatchInput, ack: (result: Ack<null>) => void) => void;
  'device:unwatch': (payload: DeviceWatchInput, ack: (result: Ack<null>) => void) => void;
}
