import { ONLINE_WINDOW_S, type Device } from '@dmc/shared/api';
import type { DeviceRow } from '../../persistence/ports';

/** The API view of a stored device; `online` means in contact within ONLINE_WINDOW_S. */
export function toDeviceView(row: DeviceRow, now: Date): Device {
  const lastSeen = row.lastSeenAt?.getTime();
  return {
    devId: row.devId,
    labels: row.labels,
    pushUrl: row.pushUrl,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    online: lastSeen !== undefined && now.getTime() - lastSeen <= ONLINE_WINDOW_S * 1000,
    devInfo: row.devInfo,
    devInfoAt: row.devInfoAt?.toISOString() ?? null,
  };
}

export const EMPTY_DEV_INFO: DeviceRow['devInfo'] = {
  Man: null,
  Mod: null,
  FwV: null,
  SwV: null,
  HwV: null,
  DevType: null,
  Lang: null,
  DmV: null,
  OEM: null,
};
