import type { QueryClient } from '@tanstack/react-query';
import type { RefusalList } from '@dmc/shared/api';
import type { DeviceRefusedEvent } from '@dmc/shared/events';
import { refusalKeys } from '../queries/refusals';

/** The server keeps this many records per device; the cached list stays as long. */
const KEPT = 20;

/** 'device:refused': the new record goes on top of the device's cached list (once). */
export function applyDeviceRefused(queryClient: QueryClient, { devId, refusal }: DeviceRefusedEvent): void {
  queryClient.setQueryData<RefusalList>(refusalKeys.device(devId), (old) => {
    if (!old || old.items.some((r) => r.id === refusal.id)) return old;
    return { items: [refusal, ...old.items].slice(0, KEPT) };
  });
}
