import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  apiRoutes,
  userAccountSchema,
  userSchema,
  type CreateUserInput,
  type UpdateUserInput,
} from '@dmc/shared/api';
import { apiRequest, apiRequestVoid } from '../../../lib/api-client';
import { userKeys } from '../../../lib/queries/users';

export function updateUser({ username, change }: { username: string; change: UpdateUserInput }) {
  return apiRequest(apiRoutes.user(username), userAccountSchema, { method: 'PATCH', body: change });
}

export function deleteUser(username: string) {
  return apiRequestVoid(apiRoutes.user(username), { method: 'DELETE' });
}

/** Ends a user's sign-in lockout: its failed sign-ins are forgotten. */
export function clearUserLockout(username: string) {
  return apiRequestVoid(apiRoutes.userLockout(username), { method: 'DELETE' });
}

export function createUser(input: CreateUserInput) {
  return apiRequest(apiRoutes.users, userSchema, { method: 'POST', body: input });
}

/** Role, disabled flag or password of a user; the list is read again afterwards. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteUser,
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useClearUserLockout() {
  return useMutation({ mutationFn: clearUserLockout });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
