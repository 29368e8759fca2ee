import type { QueryClient } from '@tanstack/react-query';
import type { CampaignList, CampaignRecord, DeviceCampaignList } from '@dmc/shared/api';
import { campaignKeys } from '../queries/campaigns';
import type { InvalidateSoon } from './invalidate-soon';

/** A running campaign changes every step: its device rows are fetched again at most this often. */
export const CAMPAIGN_DEVICES_REFETCH_MS = 2_000;
/** A campaign no cached list holds (a new one) refetches the lists at most this often. */
export const CAMPAIGN_LIST_REFETCH_MS = 1_000;

/** The list key's state filter (`null`: every state) and cursor (`null`: the newest page). */
function listFilterOf(queryKey: readonly unknown[]): { state: unknown; cursor: unknown } {
  return { state: queryKey[2], cursor: queryKey[3] };
}

/**
 * 'campaign:updated': the detail and every cached list row take the new record; a campaign that
 * left a list's state filter drops out of it, one that the newest page lacks refetches the lists;
 * the campaign's device pages and the device pages' campaign lists are fetched again, throttled.
 */
export function applyCampaignUpdated(
  queryClient: QueryClient,
  campaign: CampaignRecord,
  soon: InvalidateSoon,
): void {
  queryClient.setQueryData<CampaignRecord>(campaignKeys.detail(campaign.id), (old) =>
    old ? campaign : undefined,
  );
  for (const query of queryClient.getQueryCache().findAll({ queryKey: campaignKeys.lists() })) {
    const cached = query.state.data as CampaignList | undefined;
    if (!cached) continue;
    const { state, cursor } = listFilterOf(query.queryKey);
    const matches = state === null || state === campaign.state;
    const index = cached.items.findIndex((c) => c.id === campaign.id);
    if (index >= 0) {
      const items = matches
        ? cached.items.map((c) => (c.id === campaign.id ? campaign : c))
        : cached.items.filter((c) => c.id !== campaign.id);
      queryClient.setQueryData<CampaignList>(query.queryKey, { ...cached, items });
    } else if (matches && cursor === null) {
      soon(campaignKeys.lists(), CAMPAIGN_LIST_REFETCH_MS);
    }
  }
  soon(campaignKeys.devices(campaign.id), CAMPAIGN_DEVICES_REFETCH_MS);
  for (const query of queryClient.getQueryCache().findAll({ queryKey: [...campaignKeys.all, 'of-device'] })) {
    const cached = query.state.data as DeviceCampaignList | undefined;
    if (cached?.items.some((item) => item.campaignId === campaign.id)) {
      soon(query.queryKey, CAMPAIGN_DEVICES_REFETCH_MS);
    }
  }
}
