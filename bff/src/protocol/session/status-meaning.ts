// What a device's status for a command means (protocol §4, §8): the state the command moves to, what
// is kept as its result, and what must now happen to the server's copy of the device's tree.
import { parseClientUri, serverUriOf, targetClientUri, type StatusEntry } from '@dmc/shared/protocol';
import type { CommandOutcome, FollowUp } from './effects';

/** Addresses this server hands out, whose commands mean more than their status code. */
export interface HostedPrefixes {
  /** `<public>/dr/objects/`: HGET sources this server hosts. */
  objects: string;
  /** `<public>/ui/`: SHOW pages this server hosts, answered later by the person (protocol §8). */
  pages: string;
}

function outcomeState(wire: readonly string[], sc: number, hosted: HostedPrefixes): CommandOutcome['state'] {
  if (wire[0] === 'EXEC' && sc === 202) return 'accepted';
  // A SHOW of one of this server's pages waits for the person's answer.
  if (wire[0] === 'SHOW' && sc === 200 && serverUriOf(wire)?.startsWith(hosted.pages)) return 'accepted';
  if ((sc >= 200 && sc < 300) || sc === 304) return 'ok';
  return 'failed';
}

function outcomeResult(status: StatusEntry): Record<string, unknown> | null {
  const result: Record<string, unknown> = {};
  if (status.URI) result.URI = status.URI;
  if (status.Data) result.Data = status.Data;
  return Object.keys(result).length > 0 ? result : null;
}

export function commandOutcome(
  wire: readonly string[],
  status: StatusEntry,
  hosted: HostedPrefixes,
): CommandOutcome {
  return { state: outcomeState(wire, status.sc, hosted), sc: status.sc, result: outcomeResult(status) };
}

/** What the stored tree and subscriptions must follow; only a plain 200 changed anything. */
export function followUps(wire: readonly string[], status: StatusEntry, hosted: HostedPrefixes): FollowUp[] {
  if (status.sc !== 200) return [];
  switch (wire[0] ?? '') {
    case 'GET':
      return status.Data ? [{ kind: 'write-nodes', data: status.Data }] : [];
    case 'HGET': {
      const url = serverUriOf(wire) ?? '';
      if (!url.startsWith(hosted.objects)) return [];
      const objectId = url.slice(hosted.objects.length);
      const target = targetClientUri(wire) ?? null;
      return [{ kind: 'write-hosted', objectId, reported: status.URI ?? [], target }];
    }
    case 'DELETE': {
      const uri = targetClientUri(wire);
      const parsed = uri ? parseClientUri(uri) : undefined;
      return parsed?.ok ? [{ kind: 'delete-subtree', uri: parsed.value }] : [];
    }
    case 'UNSUB': {
      const clientUri = targetClientUri(wire);
      return clientUri ? [{ kind: 'drop-subscription', clientUri }] : [];
    }
    default:
      return [];
  }
}
