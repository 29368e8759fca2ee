// How long an upload inbox takes uploads (protocol §1, §12). An HPUT or HPOST inbox lives while its
// command is live (queued, sent or accepted) and before its time to live: the device uploads while it
// carries the command out, before it reports the status. A SUB inbox lives while its subscription
// does: its command has not failed, been cancelled or expired, no UNSUB closed it (the row is then
// deleted), and an upload came within the idle time (DMC_SUB_INBOX_IDLE_S) of the later of its
// creation, its SUB's last change of state and its last upload.
import type { CommandState } from '@dmc/shared/api';
import type { CommandRow, InboxRow } from '../../persistence/ports';

/** A SUB inbox with no upload for this long is closed, unless DMC_SUB_INBOX_IDLE_S says otherwise. */
export const DEFAULT_SUB_INBOX_IDLE_S = 30 * 86_400;

const UPLOAD_STATES: readonly CommandState[] = ['queued', 'sent', 'accepted'];
const SUBSCRIBED_STATES: readonly CommandState[] = [...UPLOAD_STATES, 'ok'];

/** The command states in which an inbox of `kind` takes uploads. */
export function liveCommandStates(kind: InboxRow['kind']): readonly CommandState[] {
  return kind === 'SUB' ? SUBSCRIBED_STATES : UPLOAD_STATES;
}

/** Why the inbox takes no upload at `now`, or undefined while it is open. */
export function inboxClosedReason(
  inbox: InboxRow,
  command: CommandRow | undefined,
  now: Date,
  subIdleS: number,
): string | undefined {
  const at = now.getTime();
  if (inbox.expiresAt && inbox.expiresAt.getTime() <= at) return 'past its time to live';
  if (!command) return 'its command is gone';
  if (!liveCommandStates(inbox.kind).includes(command.state)) return `its command is ${command.state}`;
  if (inbox.kind === 'SUB') {
    const active = Math.max(
      inbox.createdAt.getTime(),
      inbox.lastUploadAt?.getTime() ?? 0,
      command.updatedAt.getTime(),
    );
    if (active + subIdleS * 1000 <= at) return 'idle';
  }
  return undefined;
}
