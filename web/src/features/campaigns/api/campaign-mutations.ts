import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  apiRoutes,
  campaignPreviewSchema,
  createdCampaignSchema,
  type BulkActionInput,
  type CampaignPreviewInput,
  type CampaignVerb,
  type CreateCampaignInput,
} from '@dmc/shared/api';
import { apiRequest, apiRequestVoid } from '../../../lib/api-client';
import { campaignKeys } from '../../../lib/queries/campaigns';

/** POST /campaigns/preview: the counts per verdict; nothing changes on the server. */
export function usePreviewCampaign() {
  return useMutation({
    mutationFn: (input: CampaignPreviewInput) =>
      apiRequest(apiRoutes.campaignPreview, campaignPreviewSchema, { method: 'POST', body: input }),
  });
}

/** POST /campaigns: a new campaign (a draft, started, or awaiting approval). */
export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCampaignInput) =>
      apiRequest(apiRoutes.campaigns, createdCampaignSchema, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.lists() }),
  });
}

/** POST /devices/bulk: one action on the selected devices now, followed as a one-wave campaign. */
export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkActionInput) =>
      apiRequest(apiRoutes.devicesBulk, createdCampaignSchema, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.lists() }),
  });
}

/**
 * POST /campaigns/:id/{verb}. Whatever the answer carries, the campaign is fetched again (and
 * 'campaign:updated' follows), so the screen shows the server's state, not a guess.
 */
export function useCampaignVerb(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (verb: CampaignVerb) => apiRequestVoid(apiRoutes.campaignVerb(id, verb), { method: 'POST' }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() });
    },
  });
}
