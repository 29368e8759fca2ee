import type { QueryClient } from '@tanstack/react-query';
import type { Device } from '@dmc/shared/api';
import { deviceKeys, type DeviceListParams, type DevicePages } from '../queries/devices';
import type { InvalidateSoon } from './invalidate-soon';
import { invalidateAfterEvent } from './invalidate-after-event';

/** Replaces the cached row of `device`; `found` says whether any page held it. */
export function replaceDeviceInPages(
  data: DevicePages,
  device: Device,
): { data: DevicePages; found: boolean } {
  let found = false;
  const pages = data.pages.map((page) => {
    const index = page.items.findIndex((d) => d.devId === device.devId);
    if (index < 0) return page;
    found = true;
    const items = page.items.slice();
    items[index] = device;
    return { ...page, items };
  });
  return { data: found ? { ...data, pages } : data, found };
}

/** Drops the cached row of a removed device and lowers the total. */
export function removeDeviceFromPages(data: DevicePages, devId: string): DevicePages {
  let removed = false;
  const pages = data.pages.map((page) => {
    const items = page.items.filter((d) => d.devId !== devId);
    if (items.length === page.items.length) return page;
    removed = true;
    return { ...page, items };
  });
  if (!removed) return data;
  return { ...data, pages: pages.map((p) => ({ ...p, total: Math.max(0, p.total - 1) })) };
}

/** Margin for clock skew between the server that stamps createdAt and this browser. */
const SKEW_MS = 5_000;

/** A device registered after the list was fetched cannot be in it: the list must be refetched. */
export function isNewerThanList(device: Device, dataUpdatedAt: number): boolean {
  return Date.parse(device.createdAt) > dataUpdatedAt - SKEW_MS;
}

/** Bursts of registrations (a fleet starting) cost one refetch of the lists, not one per device. */
export const DEVICE_LIST_REFETCH_MS = 500;

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

/**
 * Whether a list must be read again: its fleet query selects by label, and the labels of a device it
 * shows changed (the device may no longer match). A device the list does not show is left to the
 * next fetch: any device's event would otherwise refetch it.
 */
export function labelsMatter(
  data: DevicePages,
  device: Device,
  params: DeviceListParams | undefined,
): boolean {
  if (!params || !/\blabel\b/i.test(params.query)) return false;
  const old = data.pages.flatMap((page) => page.items).find((d) => d.devId === device.devId);
  return old !== undefined && !sameLabels(old.labels, device.labels);
}

/**
 * 'device:updated': the detail and every cached list row take the new view; a list filtered by a
 * fleet query is read again soon when the device's labels changed.
 */
export function applyDeviceUpdated(queryClient: QueryClient, device: Device, soon: InvalidateSoon): void {
  queryClient.setQueryData<Device>(deviceKeys.detail(device.devId), (old) => (old ? device : undefined));
  for (const query of queryClient.getQueryCache().findAll({ queryKey: deviceKeys.lists() })) {
    const cached = query.state.data as DevicePages | undefined;
    if (!cached) continue;
    const params = query.queryKey[2] as DeviceListParams | undefined;
    const relabelled = labelsMatter(cached, device, params);
    const { data, found } = replaceDeviceInPages(cached, device);
    if (relabelled) soon(query.queryKey, DEVICE_LIST_REFETCH_MS);
    if (found) queryClient.setQueryData<DevicePages>(query.queryKey, data);
    else if (isNewerThanList(device, query.state.dataUpdatedAt)) {
      soon(deviceKeys.lists(), DEVICE_LIST_REFETCH_MS);
    }
  }
}

/** 'device:removed': its rows leave every cached list; its detail is fetched again (a 404). */
export function applyDeviceRemoved(queryClient: QueryClient, devId: string): void {
  queryClient.setQueriesData<DevicePages>({ queryKey: deviceKeys.lists() }, (old) =>
    old ? removeDeviceFromPages(old, devId) : old,
  );
  invalidateAfterEvent(queryClient, { queryKey: deviceKeys.detail(devId) });
}
