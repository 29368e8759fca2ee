// The devices a campaign or preview targets, one batch at a time in devId order: those a fleet query
// selects (the device list's keyset paging) or the named ones that are registered.
import type { Store, CampaignDeviceFacts } from '../../persistence/ports';
import { deviceFilterOf } from '../devices/device-query';

/** Devices per batch: one statement reads, judges and inserts at most this many. */
export const CAMPAIGN_BATCH = 1000;

export interface Target {
  query: string | null;
  devIds: readonly string[] | null;
}

export interface TargetBatch {
  facts: CampaignDeviceFacts[];
  /** The last devId looked at; the next batch starts after it. */
  cursor: string | null;
  done: boolean;
}

/**
 * The next batch of targeted devices after `after` (devId order). `onlyNonMembersOf`: facts only of
 * devices that are not members of that campaign yet (the cursor still moves over every match).
 */
export async function nextTargetBatch(
  store: Store,
  target: Target,
  after: string | null,
  now: Date,
  options: { limit?: number; onlyNonMembersOf?: string } = {},
): Promise<TargetBatch> {
  const limit = options.limit ?? CAMPAIGN_BATCH;
  const factsOf = async (ids: readonly string[]) =>
    store.campaignDevices.deviceFacts(
      options.onlyNonMembersOf === undefined
        ? ids
        : await store.campaignDevices.nonMembers(options.onlyNonMembersOf, ids),
    );
  if (target.devIds !== null) {
    const sorted = [...new Set(target.devIds)].sort();
    const slice = sorted.filter((d) => after === null || d > after).slice(0, limit);
    const facts = await factsOf(slice);
    return { facts, cursor: slice.at(-1) ?? after, done: slice.length < limit };
  }
  const filter = deviceFilterOf(target.query ?? '', now);
  // Two narrow statements: the matching ids, then the five facts a verdict reads.
  const ids = await store.devices.listIds({
    ...(filter ? { filter } : {}),
    limit,
    ...(after === null ? {} : { after: { value: after, devId: after } }),
  });
  const facts = await factsOf(ids);
  return { facts, cursor: ids.at(-1) ?? after, done: ids.length < limit };
}
