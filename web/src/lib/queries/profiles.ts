import { infiniteQueryOptions, queryOptions, type InfiniteData } from '@tanstack/react-query';
import {
  apiRoutes,
  deviceProfilesSchema,
  profileListSchema,
  profileSchema,
  profileStatusPageSchema,
  type ProfileStatus,
  type ProfileStatusPage,
} from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/** Device rows per "Load more" of a profile's page. */
export const PROFILE_DEVICE_PAGE_SIZE = 100;

export type ProfileStatusPages = InfiniteData<ProfileStatusPage, string | undefined>;

export const profileKeys = {
  all: ['profiles'] as const,
  list: () => [...profileKeys.all, 'list'] as const,
  details: () => [...profileKeys.all, 'detail'] as const,
  detail: (id: string) => [...profileKeys.details(), id] as const,
  /** Every status page of one profile's devices, whatever the filter: refetched together. */
  devices: (id: string) => [...profileKeys.all, 'devices', id] as const,
  devicePages: (id: string, status: ProfileStatus | undefined, limit: number) =>
    [...profileKeys.devices(id), status ?? null, limit] as const,
  /** The profiles that apply to one device and its state in each (its device page). */
  ofDevices: () => [...profileKeys.all, 'of-device'] as const,
  ofDevice: (devId: string) => [...profileKeys.ofDevices(), devId] as const,
};

/** Every profile, by priority then name, with its counts; 'profile:counts' patches them in place. */
export const profileListQueryOptions = () =>
  queryOptions({
    queryKey: profileKeys.list(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.profiles, profileListSchema, { signal }),
  });

/** One profile; 'profile:changed' fetches it again, 'profile:counts' patches its counts. */
export const profileQueryOptions = (id: string) =>
  queryOptions({
    queryKey: profileKeys.detail(id),
    queryFn: ({ signal }) => apiRequest(apiRoutes.profile(id), profileSchema, { signal }),
  });

/** A profile's devices in one state (or every state), keyset-paged by DevID ("Load more"). */
export const profileDevicesQueryOptions = (
  id: string,
  status: ProfileStatus | undefined,
  limit: number = PROFILE_DEVICE_PAGE_SIZE,
) =>
  infiniteQueryOptions({
    queryKey: profileKeys.devicePages(id, status, limit),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(apiRoutes.profileStatus(id), profileStatusPageSchema, {
        query: { status, after: pageParam, limit },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });

/** The profiles that apply to the device and its state in each; 'profile:device-state' patches it. */
export const deviceProfilesQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: profileKeys.ofDevice(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceProfiles(devId), deviceProfilesSchema, { signal }),
  });
