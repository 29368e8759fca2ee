import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { CampaignList, CampaignRecord, DeviceCampaignList } from '@dmc/shared/api';
import { campaign, campaignDevice } from '../../test/fixtures';
import { campaignKeys } from '../queries/campaigns';
import { applyCampaignUpdated } from './campaigns';

function setup() {
  const queryClient = new QueryClient();
  const asked: string[] = [];
  const soon = (key: QueryKey) => asked.push(JSON.stringify(key));
  return { queryClient, asked, soon };
}

const list = (...items: CampaignRecord[]): CampaignList => ({ items, nextCursor: null });
const moved = campaign({
  state: 'paused',
  pausedReason: 'error-threshold',
  counts: { ...campaign().counts, failed: 4 },
});

describe('applyCampaignUpdated', () => {
  it('replaces the cached campaign and its row in every list of its state, leaves other rows', () => {
    const { queryClient, soon } = setup();
    queryClient.setQueryData(campaignKeys.detail('k1'), campaign());
    queryClient.setQueryData(
      campaignKeys.list(undefined, undefined),
      list(campaign(), campaign({ id: 'k2' })),
    );
    queryClient.setQueryData(campaignKeys.list('paused', 'c9'), list(campaign()));
    applyCampaignUpdated(queryClient, moved, soon);
    expect(queryClient.getQueryData(campaignKeys.detail('k1'))).toEqual(moved);
    const all = queryClient.getQueryData<CampaignList>(campaignKeys.list(undefined, undefined));
    expect(all?.items.map((c) => [c.id, c.state])).toEqual([
      ['k1', 'paused'],
      ['k2', 'running'],
    ]);
    expect(queryClient.getQueryData<CampaignList>(campaignKeys.list('paused', 'c9'))?.items[0]).toEqual(
      moved,
    );
  });

  it('drops the row from a list of the state it left', () => {
    const { queryClient, soon } = setup();
    queryClient.setQueryData(
      campaignKeys.list('running', undefined),
      list(campaign(), campaign({ id: 'k2' })),
    );
    applyCampaignUpdated(queryClient, moved, soon);
    expect(
      queryClient.getQueryData<CampaignList>(campaignKeys.list('running', undefined))?.items.map((c) => c.id),
    ).toEqual(['k2']);
  });

  it('does not create a detail nobody asked for', () => {
    const { queryClient, soon } = setup();
    applyCampaignUpdated(queryClient, moved, soon);
    expect(queryClient.getQueryData(campaignKeys.detail('k1'))).toBeUndefined();
  });

  it('refetches, throttled: the newest list page lacking it, its device rows, the device pages showing it', () => {
    const { queryClient, asked, soon } = setup();
    queryClient.setQueryData(campaignKeys.list(undefined, undefined), list(campaign({ id: 'k2' })));
    queryClient.setQueryData(campaignKeys.list(undefined, 'older'), list(campaign({ id: 'k3' })));
    queryClient.setQueryData<DeviceCampaignList>(campaignKeys.ofDevice('d1'), {
      items: [{ ...campaignDevice(), campaignName: 'x', campaignState: 'running', hasCanary: false }],
    });
    queryClient.setQueryData<DeviceCampaignList>(campaignKeys.ofDevice('d2'), {
      items: [
        {
          ...campaignDevice({ campaignId: 'other', devId: 'd2' }),
          campaignName: 'y',
          campaignState: 'running',
          hasCanary: false,
        },
      ],
    });
    applyCampaignUpdated(queryClient, moved, soon);
    expect(asked).toEqual([
      JSON.stringify(campaignKeys.lists()),
      JSON.stringify(campaignKeys.devices('k1')),
      JSON.stringify(campaignKeys.ofDevice('d1')),
    ]);
  });
});
