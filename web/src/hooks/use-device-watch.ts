import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { treeKeys } from '../lib/queries/device-tree';
import { useSocket } from '../lib/socket-context';

/**
 * Joins the device's room so its detailed events (tree changes) arrive; re-joins after reconnects.
 * On leaving, the cached tree is marked stale (without a refetch): no event keeps it current any
 * more, so the next view of the device fetches it again.
 */
export function useDeviceWatch(devId: string): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    const watch = () => {
      socket.emit('device:watch', { devId }, (result) => {
        if (!result.ok) console.warn(`device:watch ${devId} refused: ${result.error.code}`);
      });
    };
    if (socket.connected) watch();
    socket.on('connect', watch);
    return () => {
      socket.off('connect', watch);
      if (socket.connected) socket.emit('device:unwatch', { devId }, () => undefined);
      void queryClient.invalidateQueries({ queryKey: treeKeys.device(devId), refetchType: 'none' });
    };
  }, [devId, socket, queryClient]);
}
