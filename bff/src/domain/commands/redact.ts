import type { CommandRecord } from '@dmc/shared/api';
import { redactCapabilityUrls } from '../capabilities/capability-urls';

// Server-made URLs whose unguessable token is the capability (protocol §8): DR objects and inboxes,
// job URLs and device pages. Read-only users see the address without its token.
export function redactCapabilities(record: CommandRecord): CommandRecord {
  return { ...record, command: record.command.map(redactCapabilityUrls) };
}
