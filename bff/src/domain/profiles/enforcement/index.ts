// Profile enforcement as the app wires it: one enabled-profile cache per instance, shared with the
// profile service (which invalidates it on a change), and the enforcer the DM sessions call.
import type { MoMetadata } from '@dmc/shared/metadata';
import type { Store } from '../../../persistence/ports';
import type { Clock, EventPublisher } from '../../ports';
import type { DrService } from '../../dr/dr.service';
import { profileCountsPublisher } from '../counts-publisher';
import { createEnabledProfileCache, type EnabledProfileCache } from './enabled-profiles';
import { createProfileEnforcer, type ProfileEnforcer } from './enforcer';

export type { EnabledProfileCache } from './enabled-profiles';
export type { ProfileEnforcer } from './enforcer';

export function createProfileEnforcement(
  store: Store,
  deps: {
    clock: Clock;
    events: EventPublisher;
    dr: Pick<DrService, 'hostObject' | 'openInbox'>;
    settings: { publicUrl: string; commandTtlS: number; profileCacheMaxAgeMs?: number };
    extraMetadata?: () => readonly MoMetadata[];
  },
): { cache: EnabledProfileCache; enforcer: ProfileEnforcer } {
  const maxAgeMs = deps.settings.profileCacheMaxAgeMs;
  const cache = createEnabledProfileCache(deps.clock, maxAgeMs === undefined ? {} : { maxAgeMs });
  const enforcer = createProfileEnforcer({
    profiles: cache,
    events: deps.events,
    publicUrl: deps.settings.publicUrl,
    dr: deps.dr,
    commandTtlS: deps.settings.commandTtlS,
    ...(deps.extraMetadata ? { extraMetadata: deps.extraMetadata } : {}),
    // The instance's one counts publisher, shared with the membership sweep (its limit holds for both).
    onStatesChanged: (ids) => profileCountsPublisher(store.profiles, deps.events).changed(ids),
  });
  return { cache, enforcer };
}
