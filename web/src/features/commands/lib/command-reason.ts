import type { CommandRecord } from '@dmc/shared/api';

/** Why the server ended the command when no status of the device did, in words (protocol §12). */
export function describeReason(command: Pick<CommandRecord, 'reason' | 'deliveries'>): string | null {
  switch (command.reason) {
    case 'no-status':
      return `No status from the device after ${command.deliveries} ${
        command.deliveries === 1 ? 'delivery' : 'deliveries'
      }`;
    case null:
      return null;
  }
}
