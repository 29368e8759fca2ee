// Profile events in the cache: counts patched in place, a device's state replacing its row where it
// still belongs to the filter, and the pages it moved in or out of fetched again.
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { DeviceProfiles, Profile, ProfileList } from '@dmc/shared/api';
import { profileKeys, PROFILE_DEVICE_PAGE_SIZE, type ProfileStatusPages } from '../queries/profiles';
import { profile, profileDeviceState } from '../../test/fixtures';
import { applyProfileChanged, applyProfileCounts, applyProfileDeviceState } from './profiles';

const pages = (devIds: string[], status: 'pending' | 'verified' = 'pending'): ProfileStatusPages => ({
  pageParams: [undefined],
  pages: [
    {
      verified: 0,
      pending: devIds.length,
      failed: 0,
      conflicted: 0,
      devices: devIds.map((devId) => profileDeviceState({ devId, status })),
      next: null,
    },
  ],
});

function setUp() {
  const client = new QueryClient();
  const asked: string[] = [];
  const soon = (key: QueryKey) => asked.push(JSON.stringify(key));
  return { client, asked, soon };
}

describe('profile live updates', () => {
  it('patch counts into the list and the detail, and refetch the device pages soon', () => {
    const { client, asked, soon } = setUp();
    client.setQueryData<ProfileList>(profileKeys.list(), { items: [profile(), profile({ id: 'p2' })] });
    client.setQueryData<Profile>(profileKeys.detail('p1'), profile());
    const counts = { verified: 30, pending: 0, failed: 0, conflicted: 0 };
    applyProfileCounts(client, 'p1', counts, soon);
    expect(client.getQueryData<ProfileList>(profileKeys.list())?.items.map((p) => p.counts.verified)).toEqual(
      [30, 7],
    );
    expect(client.getQueryData<Profile>(profileKeys.detail('p1'))?.counts).toEqual(counts);
    expect(asked).toEqual([JSON.stringify(profileKeys.devices('p1'))]);
  });

  it('replace a device row that stays in its filter and refetch the filters it left or joined', () => {
    const { client, asked, soon } = setUp();
    const all = profileKeys.devicePages('p1', undefined, PROFILE_DEVICE_PAGE_SIZE);
    const pending = profileKeys.devicePages('p1', 'pending', PROFILE_DEVICE_PAGE_SIZE);
    const verified = profileKeys.devicePages('p1', 'verified', PROFILE_DEVICE_PAGE_SIZE);
    const failed = profileKeys.devicePages('p1', 'failed', PROFILE_DEVICE_PAGE_SIZE);
    client.setQueryData(all, pages(['d1', 'd2']));
    client.setQueryData(pending, pages(['d1', 'd2']));
    client.setQueryData(verified, pages(['d9'], 'verified'));
    client.setQueryData(failed, pages([]));
    client.setQueryData<DeviceProfiles>(profileKeys.ofDevice('d1'), { items: [profileDeviceState()] });

    applyProfileDeviceState(client, profileDeviceState({ status: 'verified', reason: null }), soon);
    const rowOf = (key: QueryKey) =>
      client.getQueryData<ProfileStatusPages>(key)?.pages[0]?.devices.find((d) => d.devId === 'd1')?.status;
    expect(rowOf(all)).toBe('verified');
    expect(client.getQueryData<DeviceProfiles>(profileKeys.ofDevice('d1'))?.items[0]?.status).toBe(
      'verified',
    );
    // It left `pending` and joined `verified`; `failed` neither held nor gains it.
    expect(asked.sort()).toEqual([JSON.stringify(pending), JSON.stringify(verified)].sort());
  });

  it('drop a removed profile from the list and forget its pages', () => {
    const { client } = setUp();
    client.setQueryData<ProfileList>(profileKeys.list(), { items: [profile(), profile({ id: 'p2' })] });
    client.setQueryData<Profile>(profileKeys.detail('p2'), profile({ id: 'p2' }));
    applyProfileChanged(client, 'p2', true);
    expect(client.getQueryData<ProfileList>(profileKeys.list())?.items.map((p) => p.id)).toEqual(['p1']);
    expect(client.getQueryData(profileKeys.detail('p2'))).toBeUndefined();
  });
});
