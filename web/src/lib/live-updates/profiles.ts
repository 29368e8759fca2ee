import type { QueryClient } from '@tanstack/react-query';
import type {
  DeviceProfiles,
  Profile,
  ProfileCounts,
  ProfileDeviceState,
  ProfileList,
} from '@dmc/shared/api';
import { profileKeys, type ProfileStatusPages } from '../queries/profiles';
import { invalidateAfterEvent } from './invalidate-after-event';
import type { InvalidateSoon } from './invalidate-soon';

/** A profile's device rows move with its counts: fetched again at most this often. */
export const PROFILE_DEVICES_REFETCH_MS = 2_000;

/**
 * 'profile:counts': the list row and the detail take the new counts in place (no request); the
 * profile's device pages, whose rows moved between states, are fetched again, throttled.
 */
export function applyProfileCounts(
  queryClient: QueryClient,
  id: string,
  counts: ProfileCounts,
  soon: InvalidateSoon,
): void {
  queryClient.setQueryData<ProfileList>(profileKeys.list(), (old) =>
    old ? { items: old.items.map((p) => (p.id === id ? { ...p, counts } : p)) } : undefined,
  );
  queryClient.setQueryData<Profile>(profileKeys.detail(id), (old) => (old ? { ...old, counts } : undefined));
  // A first read of the list or the detail in flight began before these counts: read them again.
  for (const queryKey of [profileKeys.list(), profileKeys.detail(id)]) {
    if (queryClient.getQueryData(queryKey) === undefined)
      invalidateAfterEvent(queryClient, { queryKey, exact: true });
  }
  soon(profileKeys.devices(id), PROFILE_DEVICES_REFETCH_MS);
}

/**
 * 'profile:changed': a removed profile leaves the list and its caches; a created or changed one is
 * read again, with the list (its conflicts name other profiles) and the device pages' profile lists.
 */
export function applyProfileChanged(queryClient: QueryClient, id: string, removed: boolean): void {
  if (removed) {
    queryClient.setQueryData<ProfileList>(profileKeys.list(), (old) =>
      old ? { items: old.items.filter((p) => p.id !== id) } : undefined,
    );
    queryClient.removeQueries({ queryKey: profileKeys.detail(id) });
    queryClient.removeQueries({ queryKey: profileKeys.devices(id) });
  } else {
    invalidateAfterEvent(queryClient, { queryKey: profileKeys.detail(id) });
    invalidateAfterEvent(queryClient, { queryKey: profileKeys.devices(id) });
  }
  invalidateAfterEvent(queryClient, { queryKey: profileKeys.list() });
  invalidateAfterEvent(queryClient, { queryKey: profileKeys.ofDevices() });
}

/** The status filter of a device-pages key (`null`: every state). */
function statusFilterOf(queryKey: readonly unknown[]): unknown {
  return queryKey[3];
}

/**
 * 'profile:device-state' (sent to the device's room): the device page's list takes the new state in
 * place; a row of the profile's device pages is replaced when it still belongs to its filter, and
 * the pages are fetched again (throttled) when the device moved in or out of one.
 */
export function applyProfileDeviceState(
  queryClient: QueryClient,
  state: ProfileDeviceState,
  soon: InvalidateSoon,
): void {
  const ofDevice = queryClient.getQueryData<DeviceProfiles>(profileKeys.ofDevice(state.devId));
  if (ofDevice) {
    const known = ofDevice.items.some((s) => s.profileId === state.profileId);
    if (known) {
      queryClient.setQueryData<DeviceProfiles>(profileKeys.ofDevice(state.devId), {
        items: ofDevice.items.map((s) => (s.profileId === state.profileId ? state : s)),
      });
    } else {
      invalidateAfterEvent(queryClient, { queryKey: profileKeys.ofDevice(state.devId) });
    }
  }
  for (const query of queryClient
    .getQueryCache()
    .findAll({ queryKey: profileKeys.devices(state.profileId) })) {
    const cached = query.state.data as ProfileStatusPages | undefined;
    if (!cached) continue;
    const filter = statusFilterOf(query.queryKey);
    const matches = filter === null || filter === state.status;
    const held = cached.pages.some((page) => page.devices.some((d) => d.devId === state.devId));
    if (held && matches) {
      queryClient.setQueryData<ProfileStatusPages>(query.queryKey, {
        ...cached,
        pages: cached.pages.map((page) => ({
          ...page,
          devices: page.devices.map((d) => (d.devId === state.devId ? state : d)),
        })),
      });
    } else if (held || matches) {
      soon(query.queryKey, PROFILE_DEVICES_REFETCH_MS);
    }
  }
}
