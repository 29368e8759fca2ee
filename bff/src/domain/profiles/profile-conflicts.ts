// Conflicts between profiles (protocol §14): two enabled profiles that set one node to different
// values conflict whatever their queries (they may match the same device). Each is told the other
// and whether it wins: the higher priority, then the older profile, then the smaller id. Pure.
import type { ProfileConflict, ProfileNode } from '@dmc/shared/api';

/** What the conflict rules read of a profile. */
export interface ConflictCandidate {
  id: string;
  name: string;
  priority: number;
  createdAt: Date;
  enabled: boolean;
  nodes: readonly ProfileNode[];
}

/** Whether `a` holds a node that `b` sets too: higher priority, then older, then the smaller id. */
export function winsOver(
  a: Pick<ConflictCandidate, 'id' | 'priority' | 'createdAt'>,
  b: Pick<ConflictCandidate, 'id' | 'priority' | 'createdAt'>,
): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  const age = a.createdAt.getTime() - b.createdAt.getTime();
  if (age !== 0) return age < 0;
  return a.id < b.id;
}

/**
 * Every profile's conflicts, by profile id (an entry for each candidate, empty when it has none),
 * each list by node URI, then the other profile's name. Disabled profiles hold nothing: they
 * neither conflict nor are conflicted.
 */
export function profileConflicts(profiles: readonly ConflictCandidate[]): Map<string, ProfileConflict[]> {
  const result = new Map<string, ProfileConflict[]>(profiles.map((p) => [p.id, []]));
  const byUri = new Map<string, { profile: ConflictCandidate; value: string }[]>();
  for (const profile of profiles) {
    if (!profile.enabled) continue;
    for (const node of profile.nodes) {
      const holders = byUri.get(node.uri);
      if (holders === undefined) byUri.set(node.uri, [{ profile, value: node.value }]);
      else holders.push({ profile, value: node.value });
    }
  }
  for (const [uri, holders] of byUri) {
    for (const a of holders) {
      for (const b of holders) {
        if (a === b || a.value === b.value) continue;
        result.get(a.profile.id)?.push({
          uri,
          profileId: b.profile.id,
          profileName: b.profile.name,
          wins: winsOver(a.profile, b.profile),
        });
      }
    }
  }
  for (const list of result.values())
    list.sort((x, y) => (x.uri === y.uri ? cmp(x.profileName, y.profileName) : cmp(x.uri, y.uri)));
  return result;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
