import { z } from 'zod';

/** Acknowledgement of a client → server event. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Subscribe to the detailed events (tree changes) of one device. */
export const deviceWatchInputSchema = z.object({ devId: z.string().min(1).max(128) });
export type DeviceWatchInput = z.infer<typeof deviceWatchInputSchema>;

/** Typed socket.io client → server events. */
export interface ClientToServerEvents {
  'device:watch': (payload: DeviceWatchInput, ack: (result: Ack<null>) => void) => void;
  'device:unwatch': (payload: DeviceWatchInput, ack: (result: Ack<null>) => void) => void;
}
