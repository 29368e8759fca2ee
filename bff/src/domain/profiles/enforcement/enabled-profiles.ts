// The enabled profiles of this instance, with their queries parsed, read again when older than about
// a second (protocol §14). A DM package reads no statement for profiles when none is enabled, and a
// profile changed on another instance is enforced here within that second; a change made on this
// instance is seen at once (`invalidate`).
import { parseClientUri, type ClientUri } from '@dmc/shared/protocol';
import { parseQuery } from '@dmc/shared/query';
import type { ProfileMatcher, ProfileRow, Repositories } from '../../../persistence/ports';
import type { Clock } from '../../ports';
import type { EnforcedProfile } from './plan';

export interface EnabledProfiles {
  /** Highest priority first; ties: the older profile first. */
  profiles: readonly EnforcedProfile[];
  byId: ReadonlyMap<string, EnforcedProfile>;
  /**
   * One matcher per distinct query of `profiles`, named by the first profile with it (a query that no
   * longer parses matches nothing); `sharing` gives every profile with that query.
   */
  matchers: readonly ProfileMatcher[];
  sharing: ReadonlyMap<string, readonly string[]>;
  /** The profile nodes' ClientURIs, parsed once (a node whose URI does not parse is absent). */
  uris: ReadonlyMap<string, ClientUri>;
}

export interface EnabledProfileCache {
  /**
   * The enabled profiles, read through `repos` (the package's transaction: a read outside it would
   * wait for it on SQLite) when the copy is older than the cache's age.
   */
  get(repos: Pick<Repositories, 'profiles'>): Promise<EnabledProfiles>;
  /** The next `get` reads the profiles again (a profile was changed on this instance). */
  invalidate(): void;
}

/** Priority first (highest), then age (oldest), then id: the order conflicts are resolved in. */
export function enforcementOrder(a: ProfileRow, b: ProfileRow): number {
  return (
    b.priority - a.priority ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function toEnabledProfiles(rows: readonly ProfileRow[]): EnabledProfiles {
  const sorted = rows.filter((r) => r.enabled).sort(enforcementOrder);
  const profiles: EnforcedProfile[] = [];
  const matchers: ProfileMatcher[] = [];
  const sharing = new Map<string, string[]>();
  const byQuery = new Map<string, string[]>();
  for (const row of sorted) {
    const parsed = parseQuery(row.query);
    if (!parsed.ok) continue;
    const { id, name, priority, revision, driftRetries, nodes, execs } = row;
    profiles.push({ id, name, priority, revision, driftRetries, nodes, execs });
    const same = byQuery.get(row.query.trim());
    if (same) same.push(id);
    else {
      const ids = [id];
      byQuery.set(row.query.trim(), ids);
      sharing.set(id, ids);
      matchers.push({ profileId: id, expr: parsed.expr });
    }
  }
  const uris = new Map<string, ClientUri>();
  for (const { uri } of profiles.flatMap((p) => p.nodes)) {
    const parsed = uris.has(uri) ? undefined : parseClientUri(uri);
    if (parsed?.ok) uris.set(uri, parsed.value);
  }
  return { profiles, byId: new Map(profiles.map((p) => [p.id, p])), matchers, sharing, uris };
}

export function createEnabledProfileCache(
  clock: Clock,
  options: { maxAgeMs?: number } = {},
): EnabledProfileCache {
  const maxAgeMs = options.maxAgeMs ?? 1000;
  let value: EnabledProfiles | undefined;
  let readAt = 0;
  let generation = 0;

  return {
    async get(repos) {
      const at = clock.now().getTime();
      if (value && at - readAt < maxAgeMs) return value;
      const started = generation;
      const fresh = toEnabledProfiles(await repos.profiles.listEnabled());
      // A change on this instance during the read makes the next get read again.
      if (started === generation) {
        value = fresh;
        readAt = at;
      }
      return fresh;
    },
    invalidate() {
      generation += 1;
      value = undefined;
    },
  };
}
