import { useEffect } from 'react';
import { socket } from '../lib/socket';

/** Joins the device's room so its detailed events (tree changes) arrive; re-joins after reconnects. */
export function useDeviceWatch(devId: string): void {
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
    };
  }, [devId]);
}
