import type { Device, DevicePage, ListDevicesQuery, RegisterDeviceInput } from '@dmc/shared/api';
import type { DeviceRow, DeviceSortKey, Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import { ConflictError, NotFoundError } from '../errors';
import { deriveDeviceCredentials } from '../auth/device-secrets';
import { decodeDeviceCursor, encodeDeviceCursor } from './device-cursor';
import { EMPTY_DEV_INFO, toDeviceView } from './device-view';

export interface DeviceService {
  register(input: RegisterDeviceInput): Promise<Device>;
  get(devId: string): Promise<Device>;
  list(query: ListDevicesQuery): Promise<DevicePage>;
  remove(devId: string): Promise<void>;
  /** Publishes the device's current view to consoles. */
  announce(devId: string): Promise<void>;
  setPushUrl(devId: string, pushUrl: string | null): Promise<void>;
}

function sortValue(row: DeviceRow, sort: DeviceSortKey): string | number | null {
  switch (sort) {
    case 'devId':
      return row.devId;
    case 'lastSeenAt':
      return row.lastSeenAt?.getTime() ?? null;
    case 'createdAt':
      return row.createdAt.getTime();
    case 'model':
      return row.devInfo.Mod;
    case 'fwVersion':
      return row.devInfo.FwV;
  }
}

export function createDeviceService(
  store: Store,
  deps: { clock: Clock; events: EventPublisher; serverKey: Buffer },
): DeviceService {
  const { clock, events, serverKey } = deps;

  async function find(devId: string): Promise<DeviceRow> {
    const row = await store.devices.find(devId);
    if (!row) throw new NotFoundError(`No device "${devId}" is registered.`);
    return row;
  }

  return {
    async register(input) {
      const row: DeviceRow = {
        devId: input.devId,
        labels: [...new Set(input.labels ?? [])],
        pushUrl: input.pushUrl ?? null,
        createdAt: clock.now(),
        lastSeenAt: null,
        devInfo: EMPTY_DEV_INFO,
        devInfoAt: null,
        credentials: deriveDeviceCredentials(serverKey, input.devId, input.secret, input.notifySecret),
      };
      if (!(await store.devices.create(row))) {
        throw new ConflictError(`A device "${input.devId}" is already registered.`);
      }
      const view = toDeviceView(row, clock.now());
      events.publish('device:updated', { device: view });
      return view;
    },

    async get(devId) {
      return toDeviceView(await find(devId), clock.now());
    },

    async list(query) {
      const { items, total } = await store.devices.list({
        sort: query.sort,
        order: query.order,
        limit: query.limit + 1,
        ...(query.q ? { text: query.q } : {}),
        ...(query.label ? { label: query.label } : {}),
        ...(query.cursor ? { after: decodeDeviceCursor(query.cursor) } : {}),
      });
      const page = items.slice(0, query.limit);
      const last = page.at(-1);
      const now = clock.now();
      return {
        items: page.map((row) => toDeviceView(row, now)),
        total,
        nextCursor:
          items.length > query.limit && last
            ? encodeDeviceCursor({ value: sortValue(last, query.sort), devId: last.devId })
            : null,
      };
    },

    async remove(devId) {
      if (!(await store.devices.remove(devId)))
        throw new NotFoundError(`No device "${devId}" is registered.`);
      events.publish('device:removed', { devId });
    },

    async setPushUrl(devId, pushUrl) {
      await find(devId);
      await store.devices.setPushUrl(devId, pushUrl);
      await this.announce(devId);
    },

    async announce(devId) {
      const row = await store.devices.find(devId);
      if (row) events.publish('device:updated', { device: toDeviceView(row, clock.now()) });
    },
  };
}
