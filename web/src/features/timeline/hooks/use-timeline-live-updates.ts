import { useQueryClient } from '@tanstack/react-query';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { timelineKeys } from '../api/timeline-keys';

/** Refetches the timeline when anything it shows happens to the device. */
export function useTimelineLiveUpdates(devId: string): void {
  const queryClient = useQueryClient();
  const refresh = (eventDevId: string) => {
    if (eventDevId === devId) void queryClient.invalidateQueries({ queryKey: timelineKeys.device(devId) });
  };
  useSocketEvent('session:started', (e) => refresh(e.devId));
  useSocketEvent('session:ended', (e) => refresh(e.devId));
  useSocketEvent('command:state-changed', (e) => refresh(e.devId));
  useSocketEvent('alert:received', (e) => refresh(e.alert.devId));
  useSocketEvent('notification:updated', (e) => refresh(e.notification.devId));
}
