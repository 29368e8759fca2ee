import { useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Device } from '@dmc/shared/api';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { deviceKeys } from '../api/device-keys';
import type { DevicePages } from '../api/get-devices';
import { isNewerThanList, removeDeviceFromPages, replaceDeviceInPages } from '../lib/patch-device-pages';

/** Bursts of registrations (a fleet starting) cost one refetch, not one per device. */
const INVALIDATE_DELAY_MS = 500;

/** Keeps every cached device list and detail in step with 'device:updated' / 'device:removed'. */
export function useDeviceLiveUpdates(): void {
  const queryClient = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const scheduleListRefetch = () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void queryClient.invalidateQueries({ queryKey: deviceKeys.lists() });
    }, INVALIDATE_DELAY_MS);
  };

  useSocketEvent('device:updated', ({ device }) => {
    queryClient.setQueryData<Device>(deviceKeys.detail(device.devId), (old) => (old ? device : undefined));
    const lists = queryClient.getQueryCache().findAll({ queryKey: deviceKeys.lists() });
    for (const query of lists) {
      const cached = query.state.data as DevicePages | undefined;
      if (!cached) continue;
      const { data, found } = replaceDeviceInPages(cached, device);
      if (found) queryClient.setQueryData<DevicePages>(query.queryKey, data);
      else if (isNewerThanList(device, query.state.dataUpdatedAt)) scheduleListRefetch();
    }
  });

  useSocketEvent('device:removed', ({ devId }) => {
    queryClient.setQueriesData<DevicePages>({ queryKey: deviceKeys.lists() }, (old) =>
      old ? removeDeviceFromPages(old, devId) : old,
    );
    void queryClient.invalidateQueries({ queryKey: deviceKeys.detail(devId) });
  });
}
