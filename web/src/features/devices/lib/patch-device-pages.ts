import type { Device } from '@dmc/shared/api';
import type { DevicePages } from '../api/get-devices';

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
