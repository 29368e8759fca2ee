import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, loginResponseSchema, type LoginInput } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { authKeys } from '../../../lib/queries/auth';

export function login(input: LoginInput) {
  return apiRequest(apiRoutes.login, loginResponseSchema, { method: 'POST', body: input });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (response) => {
      queryClient.setQueryData(authKeys.me(), response.user);
    },
  });
}
