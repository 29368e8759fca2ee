// The HTTP push bearer (protocol §6): POST the P0 bytes to the device's push URL.
import { MEDIA_TYPES } from '@dmc/shared/protocol';

export interface PushResult {
  /** The device accepted the notification (2xx, normally 202). */
  isAccepted: boolean;
  detail: string;
}

export type PushTransport = (url: string, p0: Uint8Array) => Promise<PushResult>;

export function createHttpPushTransport(timeoutMs = 5_000): PushTransport {
  return async (url, p0) => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': MEDIA_TYPES.notification },
        body: p0,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      return { isAccepted: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}` };
    } catch (err) {
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      return { isAccepted: false, detail: `push failed: ${reason}` };
    }
  };
}
