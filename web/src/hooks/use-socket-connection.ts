import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { socket } from '../lib/socket';
import { useAppStore } from '../stores/app-store';

/**
 * Opens the socket while the signed-in shell is mounted and mirrors its state into the store.
 * After a reconnect every query is refetched, because events sent while away are lost.
 */
export function useSocketConnection(): void {
  const queryClient = useQueryClient();
  const setConnection = useAppStore((s) => s.setConnection);

  useEffect(() => {
    let hasConnected = false;
    const onConnect = () => {
      if (hasConnected) void queryClient.invalidateQueries();
      hasConnected = true;
      setConnection('live');
    };
    const onDisconnect = (reason: string) => {
      if (reason === 'io client disconnect') setConnection('idle');
      else setConnection(socket.active ? 'reconnecting' : 'offline');
    };
    const onConnectError = () => {
      if (!socket.active) setConnection('offline');
      else setConnection(hasConnected ? 'reconnecting' : 'connecting');
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    setConnection('connecting');
    socket.connect();
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.disconnect();
    };
  }, [queryClient, setConnection]);
}
