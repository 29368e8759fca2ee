// The ids of the commands profile enforcement queues are derived, never random (protocol §14): the
// same write of the same node for the same drift is one command however often a P1 is retried,
// raced on two instances or cut short by a crash, and an existing id is left as it is.
import { createHash } from 'node:crypto';

/** What a profile command does: the write (HGET), its read-back (GET) or a profile EXEC. */
export type ProfileCommandKind = 'write' | 'read' | 'exec';

export interface ProfileCommandKey {
  profileId: string;
  revision: number;
  devId: string;
  /** The membership's epoch (`ProfileDeviceRow.since`, epoch ms): a later membership has new ids. */
  since: number;
  uri: string;
  /** Writes after drift before this one (0 for the first write). */
  generation: number;
  kind: ProfileCommandKind;
}

/** The version digit and three fixed digits that mark a profile command's id: `xxxxxxxx-xxxx-8f17-…`. */
const MARK = '8f17';

/** Whether a command id is one profile enforcement made (a P3 without one has nothing to fold). */
export function isProfileCommandId(id: string): boolean {
  return id.length === 36 && id.slice(14, 18) === MARK;
}

/**
 * A UUID (version 8, RFC 9562 variant) from SHA-256 of the key; the same for every call. Its third
 * group is the fixed mark, so 110 bits of the hash remain.
 */
export function profileCommandId(key: ProfileCommandKey): string {
  const text = [
    'profile',
    key.profileId,
    key.revision,
    key.devId,
    key.since,
    key.uri,
    key.generation,
    key.kind,
  ].join('\u0000');
  const hex = createHash('sha256').update(text).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    MARK,
    `${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
