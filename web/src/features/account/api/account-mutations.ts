import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  apiRoutes,
  createdApiTokenSchema,
  endedSessionsSchema,
  type CreateApiTokenInput,
} from '@dmc/shared/api';
import { apiRequest, apiRequestVoid } from '../../../lib/api-client';
import { apiTokenKeys } from '../../../lib/queries/api-tokens';
import { authSessionKeys } from '../../../lib/queries/auth-sessions';

export function endSession(id: string) {
  return apiRequestVoid(apiRoutes.authSession(id), { method: 'DELETE' });
}

export function endOtherSessions() {
  return apiRequest(apiRoutes.authSessions, endedSessionsSchema, { method: 'DELETE' });
}

export function createApiToken(input: CreateApiTokenInput) {
  return apiRequest(apiRoutes.apiTokens, createdApiTokenSchema, { method: 'POST', body: input });
}

export function revokeApiToken(id: string) {
  return apiRequestVoid(apiRoutes.apiToken(id), { method: 'DELETE' });
}

/** Signs out one of the user's sessions; the list is read again afterwards. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: authSessionKeys.all }),
  });
}

/** "Sign out everywhere else": every session but this one. */
export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endOtherSessions,
    onSettled: () => queryClient.invalidateQueries({ queryKey: authSessionKeys.all }),
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
