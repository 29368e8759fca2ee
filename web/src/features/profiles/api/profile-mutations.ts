import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  apiRoutes,
  profileSchema,
  type CreateProfileInput,
  type Profile,
  type UpdateProfileInput,
} from '@dmc/shared/api';
import { apiRequest, apiRequestVoid } from '../../../lib/api-client';
import { profileKeys } from '../../../lib/queries/profiles';

/** Whatever the answer, the list (counts, conflicts) and the device pages' lists are read again. */
function useRefetchProfiles() {
  const queryClient = useQueryClient();
  return (id?: string) => {
    void queryClient.invalidateQueries({ queryKey: profileKeys.list() });
    void queryClient.invalidateQueries({ queryKey: profileKeys.ofDevices() });
    if (id !== undefined) void queryClient.invalidateQueries({ queryKey: profileKeys.devices(id) });
  };
}

/** POST /profiles: a new profile (operators and admins). */
export function useCreateProfile() {
  const queryClient = useQueryClient();
  const refetch = useRefetchProfiles();
  return useMutation({
    mutationFn: (input: CreateProfileInput) =>
      apiRequest(apiRoutes.profiles, profileSchema, { method: 'POST', body: input }),
    onSuccess: (profile) => queryClient.setQueryData<Profile>(profileKeys.detail(profile.id), profile),
    onSettled: () => refetch(),
  });
}

/** PATCH /profiles/:id: the fields to change (a change of query, nodes or execs is a new revision). */
export function useUpdateProfile(id: string) {
  const queryClient = useQueryClient();
  const refetch = useRefetchProfiles();
  return useMutation({
    mutationFn: (input: UpdateProfileInput) =>
      apiRequest(apiRoutes.profile(id), profileSchema, { method: 'PATCH', body: input }),
    onSuccess: (profile) => queryClient.setQueryData<Profile>(profileKeys.detail(id), profile),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: profileKeys.detail(id) });
      refetch(id);
    },
  });
}

/** DELETE /profiles/:id: the profile and every device's state in it. */
export function useDeleteProfile(id: string) {
  const queryClient = useQueryClient();
  const refetch = useRefetchProfiles();
  return useMutation({
    mutationFn: () => apiRequestVoid(apiRoutes.profile(id), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: profileKeys.detail(id) });
      queryClient.removeQueries({ queryKey: profileKeys.devices(id) });
    },
    onSettled: () => refetch(),
  });
}
