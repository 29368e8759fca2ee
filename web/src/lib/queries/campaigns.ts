import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  apiRoutes,
  campaignDeviceListSchema,
  campaignListSchema,
  campaignRecordSchema,
  deviceCampaignListSchema,
  type CampaignDeviceState,
  type CampaignState,
} from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/** Campaigns per page of the Campaigns screen, and device rows per page of a campaign. */
export const CAMPAIGN_PAGE_SIZE = 50;
export const CAMPAIGN_DEVICE_PAGE_SIZE = 100;

export const campaignKeys = {
  all: ['campaigns'] as const,
  lists: () => [...campaignKeys.all, 'list'] as const,
  list: (state: CampaignState | undefined, cursor: string | undefined) =>
    [...campaignKeys.lists(), state ?? null, cursor ?? null] as const,
  details: () => [...campaignKeys.all, 'detail'] as const,
  detail: (id: string) => [...campaignKeys.details(), id] as const,
  /** Every page of one campaign's devices, whatever the filter: refetched together on updates. */
  devices: (id: string) => [...campaignKeys.all, 'devices', id] as const,
  devicePage: (id: string, state: CampaignDeviceState | undefined, cursor: string | undefined) =>
    [...campaignKeys.devices(id), state ?? null, cursor ?? null] as const,
  /** One device's part in every campaign (its device page). */
  ofDevice: (devId: string) => [...campaignKeys.all, 'of-device', devId] as const,
};

/** One page of campaigns, newest first, optionally of one state. */
export const campaignListQueryOptions = (state: CampaignState | undefined, cursor: string | undefined) =>
  queryOptions({
    queryKey: campaignKeys.list(state, cursor),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.campaigns, campaignListSchema, {
        query: { state, limit: CAMPAIGN_PAGE_SIZE, cursor },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

/** One campaign; 'campaign:updated' replaces it in place. */
export const campaignQueryOptions = (id: string) =>
  queryOptions({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => apiRequest(apiRoutes.campaign(id), campaignRecordSchema, { signal }),
  });

/** One page of a campaign's devices, optionally of one state; `cursor` comes from the page before. */
export const campaignDevicesQueryOptions = (
  id: string,
  state: CampaignDeviceState | undefined,
  cursor: string | undefined,
  limit: number = CAMPAIGN_DEVICE_PAGE_SIZE,
) =>
  queryOptions({
    queryKey: [...campaignKeys.devicePage(id, state, cursor), limit] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.campaignDevices(id), campaignDeviceListSchema, {
        query: { state, limit, cursor },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

/** The device's part in each campaign, newest first. */
export const deviceCampaignsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: campaignKeys.ofDevice(devId),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceCampaigns(devId), deviceCampaignListSchema, { signal }),
  });
