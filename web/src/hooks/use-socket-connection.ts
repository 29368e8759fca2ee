import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { meQueryOptions } from '../lib/queries/auth';
import { socket } from '../lib/socket';
import { useAppStore } from '../stores/app-store';

/**
 * Opens the socket while the signed-in shell is mounted and mirrors its state into the store.
 * After a reconnect every query is refetched, because events sent while away are lost. When the
 * server ends the socket, the user's session may have ended (disabled, deleted, demoted, new
 * password; protocol §10): asking who is signed in either reconnects or, on 401, goes back to the
 * login page at once (the query client's 401 hook).
 */
export function useSocketConnection(): void {
  const queryClient = useQueryClient();
  const setConnection = useAppStore((s) => s.setConnection);

  useEffect(() => {
    let hasConnected = false;
    let isMounted = true;
    const onServerEnded = () =>
      queryClient.fetchQuery({ ...meQueryOptions(), staleTime: 0 }).then(
        () => {
          if (isMounted) socket.connect();
        },
        () => undefined,
      );
    const onConnect = () => {
      if (hasConnected) void queryClient.invalidateQueries();
      hasConnected = true;
      setConnection('live');
    };
    const onDisconnect = (reason: string) => {
      if (reason === 'io client disconnect') setConnection('idle');
      else setConnection(socket.active ? 'reconnecting' : 'offline');
      if (reason === 'io server disconnect') void onServerEnded();
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
      isMounted = false;
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.disconnect();
    };
  }, [queryClient, setConnection]);
}
