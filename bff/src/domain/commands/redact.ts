import type { CommandRecord } from '@dmc/shared/api';

// Server-made URLs whose unguessable token is the capability (profile §8): DR objects and inboxes,
// job URLs and user-interaction pages. Read-only users see the address without its token.
const CAPABILITY_URL = /\/(dr\/inbox|dr\/objects|dm\/jobs|ui)\/[A-Za-z0-9_-]{16,}/g;

export function redactCapabilities(record: CommandRecord): CommandRecord {
  return { ...record, command: record.command.map((part) => part.replace(CAPABILITY_URL, '/$1/…')) };
}
