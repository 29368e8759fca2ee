import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiRoutes } from '@dmc/shared/api';
import { apiRequestVoid } from '../../../lib/api-client';

export function logout() {
  return apiRequestVoid(apiRoutes.logout, { method: 'POST' });
}

/** Signs out, leaves the shell, then forgets every cached answer so the next user starts clean. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: async () => {
      // Leave first: clearing while the shell is mounted would refetch everything as a 401.
      await navigate('/login', { replace: true });
      queryClient.clear();
    },
  });
}
