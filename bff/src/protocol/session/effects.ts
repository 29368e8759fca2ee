import type { ClientUri, DmAlert, DmCommand, MoSerialization } from '@dmc/shared/protocol';
import type { DmRefusal } from './refusal';
import type { SessionEndReason } from './session-state';

/** What a command's status (or its EXEC outcome) means for the command (protocol §8). */
export interface CommandOutcome {
  state: 'ok' | 'failed' | 'accepted';
  sc: number;
  /** What of the status is kept as the command's result. */
  result: Record<string, unknown> | null;
}

/** What an acknowledged command did on the device, to be done to the server's copy (protocol §4, §5). */
export type FollowUp =
  /** A GET's results: store these nodes. */
  | { kind: 'write-nodes'; data: MoSerialization }
  /** An HGET of an object this server hosts: store its data where the device says it wrote it. */
  | { kind: 'write-hosted'; objectId: string; reported: string[]; target: string | null }
  /** A DELETE: remove every stored subtree the ClientURI addresses. */
  | { kind: 'delete-subtree'; uri: ClientUri }
  /** An UNSUB: the device stopped reporting changes of this ClientURI. */
  | { kind: 'drop-subscription'; clientUri: string };

/**
 * What the session machine asks the outside world to do; run in order, in one transaction. The
 * machine has already decided what every status means: the runner only carries the effects out.
 */
export type SessionEffect =
  /** Answer the package with a P2 holding these commands. */
  | { kind: 'respond'; commands: DmCommand[] }
  /** Refuse the package; the device aborts the session (protocol §2). */
  | { kind: 'refuse'; refusal: DmRefusal }
  | { kind: 'mark-sent'; commandIds: string[] }
  /**
   * Record a command's outcome if it is still in one of `from`, and only then carry out `then`:
   * a status is recorded once, and its consequences happen once.
   */
  | {
      kind: 'record-outcome';
      commandId: string;
      from: ('sent' | 'accepted')[];
      outcome: CommandOutcome;
      then: FollowUp[];
    }
  /**
   * Queue the server-made GET `commandId` (unless it exists already) that reads back the MO instance
   * of the EXEC `causedBy`, which just ended ok; the package this step sends carries it.
   */
  | { kind: 'queue-read'; commandId: string; causedBy: string; wire: string[] }
  /** The DevInfo read this server added to the session came back (protocol §5): store it. */
  | { kind: 'write-inventory'; data: MoSerialization }
  | { kind: 'store-alerts'; alerts: DmAlert[] }
  /** In-flight commands go back to `queued`: never silently dropped (protocol §3). */
  | { kind: 'requeue'; commandIds: string[] }
  | { kind: 'close'; reason: SessionEndReason };
