import { createHash } from 'node:crypto';
import {
  P0_MAX_SKEW_S,
  verifyP0,
  type P0,
  type P0Credentials,
  type P0RejectReason,
  type Sha256,
} from '@dmc/shared/protocol';

export const nodeSha256: Sha256 = (data) => createHash('sha256').update(data).digest();

export type NotificationRejection = P0RejectReason | 'wrong-server';

export type NotificationCheck =
  | { kind: 'accepted'; p0: P0 }
  | { kind: 'duplicate'; notificationId: number }
  | { kind: 'rejected'; reason: NotificationRejection; error: string };

/** What a device makes of a P0; `run` starts the session it asks for (call it exactly once). */
export type NotificationVerdict<S> =
  | { kind: 'accepted'; notificationId: number | undefined; run: () => Promise<S> }
  | Exclude<NotificationCheck, { kind: 'accepted' }>;

export interface NotificationStats {
  /** P0s that started (or will start) a ServerInitiatedMgmt session. */
  accepted: number;
  /** Valid P0s repeating a NOTIFICATION-ID being handled or recently handled: no second session. */
  duplicates: number;
  /** Malformed, unsigned, badly signed, stale or for another server. */
  rejected: number;
  lastRejection?: string;
}

export interface NotificationInboxOptions {
  credentials: P0Credentials;
  /** The DMAcc SrvID the P0's SERVER-ID must equal. */
  serverId: () => string;
  /** Epoch milliseconds. */
  now: () => number;
  skewS?: number;
  /** How long a NOTIFICATION-ID whose session succeeded stays a duplicate (default 2 × skew). */
  duplicateWindowS?: number;
}

/**
 * The device side of P0 (protocol §6): verifies digest, SERVER-ID and TIMESTAMP, and drops repeats of
 * a NOTIFICATION-ID. A repeat after a failed session is a fresh request, so a server's retry works.
 */
export class NotificationInbox {
  private readonly active = new Set<number>();
  /** NOTIFICATION-ID → when its session ended successfully (epoch ms). */
  private readonly handled = new Map<number, number>();
  private readonly counts: NotificationStats = { accepted: 0, duplicates: 0, rejected: 0 };

  constructor(private readonly options: NotificationInboxOptions) {}

  get stats(): NotificationStats {
    return { ...this.counts };
  }

  async check(bytes: Uint8Array): Promise<NotificationCheck> {
    const skewS = this.options.skewS ?? P0_MAX_SKEW_S;
    const nowS = Math.floor(this.options.now() / 1000);
    const verified = await verifyP0(bytes, this.options.credentials, nodeSha256, nowS, skewS);
    if (!verified.ok) return this.reject(verified.reason, verified.error);
    const p0 = verified.value;
    const serverId = this.options.serverId();
    if (p0.serverId !== serverId) {
      return this.reject('wrong-server', `SERVER-ID "${p0.serverId}" is not this account's "${serverId}"`);
    }
    const id = p0.notificationId;
    if (id !== undefined) {
      if (this.isDuplicate(id)) {
        this.counts.duplicates += 1;
        return { kind: 'duplicate', notificationId: id };
      }
      this.active.add(id);
    }
    this.counts.accepted += 1;
    return { kind: 'accepted', p0 };
  }

  /** check(), with `run` wrapping `start` so the outcome feeds duplicate detection. */
  async receive<S extends { ok: boolean }>(
    bytes: Uint8Array,
    start: (notificationId: number | undefined) => Promise<S>,
  ): Promise<NotificationVerdict<S>> {
    const check = await this.check(bytes);
    if (check.kind !== 'accepted') return check;
    const notificationId = check.p0.notificationId;
    const run = async (): Promise<S> => {
      let ok = false;
      try {
        const summary = await start(notificationId);
        ok = summary.ok;
        return summary;
      } finally {
        this.finished(notificationId, ok);
      }
    };
    return { kind: 'accepted', notificationId, run };
  }

  /** Called when the session an accepted P0 asked for has ended. */
  finished(notificationId: number | undefined, ok: boolean): void {
    if (notificationId === undefined) return;
    this.active.delete(notificationId);
    if (ok) this.handled.set(notificationId, this.options.now());
    else this.handled.delete(notificationId);
  }

  private isDuplicate(id: number): boolean {
    if (this.active.has(id)) return true;
    const windowMs = (this.options.duplicateWindowS ?? 2 * (this.options.skewS ?? P0_MAX_SKEW_S)) * 1000;
    const now = this.options.now();
    for (const [known, at] of this.handled) if (now - at >= windowMs) this.handled.delete(known);
    return this.handled.has(id);
  }

  private reject(reason: NotificationRejection, error: string): NotificationCheck {
    this.counts.rejected += 1;
    this.counts.lastRejection = `${reason}: ${error}`;
    return { kind: 'rejected', reason, error };
  }
}
