import type { DmAlert, DmCommand, StatusEntry } from '@dmc/shared/protocol';
import type { SessionEndReason } from './session-state';

/** What the session machine asks the outside world to do; run in order, in one transaction. */
export type SessionEffect =
  /** Answer the package with a P2 holding these commands. */
  | { kind: 'respond'; commands: DmCommand[] }
  /** Answer with an HTTP error; the device aborts the session (profile §2). */
  | { kind: 'refuse'; httpStatus: 400; message: string }
  | { kind: 'mark-sent'; commandIds: string[] }
  | { kind: 'command-status'; commandId: string; wire: string[]; status: StatusEntry }
  | { kind: 'inventory-status'; moid: string; miid: string; status: StatusEntry }
  | { kind: 'store-alerts'; alerts: DmAlert[] }
  /** In-flight commands go back to `queued`: never silently dropped (profile §3). */
  | { kind: 'requeue'; commandIds: string[] }
  | { kind: 'close'; reason: SessionEndReason };
