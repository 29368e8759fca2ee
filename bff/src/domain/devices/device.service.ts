import {
  MAX_LABELS_PER_DEVICE,
  type ChangeLabelsInput,
  type Device,
  type DevicePage,
  type ExportDevicesQuery,
  type ListDevicesQuery,
  type RegisterDeviceInput,
} from '@dmc/shared/api';
import type { DeviceListQuery, DeviceRow, DeviceSortKey, Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { deriveDeviceCredentials } from '../auth/device-secrets';
import { deviceRemoved, deviceUpdated, publish } from '../events/live-events';
import { decodeDeviceCursor, encodeDeviceCursor } from './device-cursor';
import { EMPTY_DEV_INFO, toDeviceView } from './device-view';
import { deviceFilterOf } from './device-query';
import { checkPushUrl, PUBLIC_ONLY, PUSH_URL_RULE, type PushUrlPolicy } from '../notify/push-url-policy';

export interface DeviceService {
  register(input: RegisterDeviceInput): Promise<Device>;
  get(devId: string): Promise<Device>;
  list(query: ListDevicesQuery): Promise<DevicePage>;
  /**
   * Every device matching the list filters, in pages of `pageSize`, never all in memory. Checks the
   * query before it returns (an error is thrown here, not while iterating).
   */
  exportPages(query: ExportDevicesQuery, pageSize?: number): AsyncIterable<Device[]>;
  remove(devId: string): Promise<void>;
  /** Publishes the device's current view to consoles. */
  announce(devId: string): Promise<void>;
  setPushUrl(devId: string, pushUrl: string | null): Promise<void>;
  /** The device's labels become `labels` (protocol §8); consoles get `device:updated`. */
  replaceLabels(devId: string, labels: readonly string[]): Promise<Device>;
  /** Removes and adds labels; more than MAX_LABELS_PER_DEVICE afterwards is refused, nothing changed. */
  changeLabels(devId: string, change: ChangeLabelsInput): Promise<Device>;
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

const EXPORT_PAGE_SIZE = 1000;

/** The filter and sort of a list or export request, as the repository takes them. */
function listFilters(query: ExportDevicesQuery, now: Date): Omit<DeviceListQuery, 'limit'> {
  const filter = deviceFilterOf(query.query, now);
  return {
    sort: query.sort,
    order: query.order,
    ...(query.q ? { text: query.q } : {}),
    ...(query.label ? { label: query.label } : {}),
    ...(filter ? { filter } : {}),
  };
}

export function createDeviceService(
  store: Store,
  deps: {
    clock: Clock;
    events: EventPublisher;
    serverKey: Buffer;
    /** Which push URLs are accepted (protocol §12); public addresses only when absent. */
    pushUrls?: PushUrlPolicy;
  },
): DeviceService {
  const { clock, events, serverKey } = deps;
  const pushUrls = deps.pushUrls ?? PUBLIC_ONLY;

  /** A push URL the rules allow, or an InputError naming the rule (protocol §12). */
  function allowedPushUrl(pushUrl: string | null | undefined): string | null {
    if (pushUrl === undefined || pushUrl === null) return null;
    const checked = checkPushUrl(pushUrl, pushUrls);
    if (!checked.ok) {
      throw new InputError(`pushUrl is refused: ${checked.reason}; ${PUSH_URL_RULE}.`, {
        field: 'pushUrl',
        rule: 'push-url',
        reason: checked.reason,
      });
    }
    return pushUrl;
  }

  async function find(devId: string): Promise<DeviceRow> {
    const row = await store.devices.find(devId);
    if (!row) throw new NotFoundError(`No device "${devId}" is registered.`);
    return row;
  }

  /** The device's view after a change, published to consoles; NotFoundError when it is gone. */
  async function announced(devId: string): Promise<Device> {
    const event = deviceUpdated(await find(devId), clock.now());
    publish(events, event);
    return event.payload.device;
  }

  return {
    async register(input) {
      const row: DeviceRow = {
        devId: input.devId,
        labels: [...new Set(input.labels ?? [])],
        pushUrl: allowedPushUrl(input.pushUrl),
        createdAt: clock.now(),
        lastSeenAt: null,
        devInfo: EMPTY_DEV_INFO,
        devInfoAt: null,
        credentials: deriveDeviceCredentials(serverKey, input.devId, input.secret, input.notifySecret),
      };
      if (!(await store.devices.create(row))) {
        throw new ConflictError(`A device "${input.devId}" is already registered.`);
      }
      const event = deviceUpdated(row, clock.now());
      publish(events, event);
      return event.payload.device;
    },

    async get(devId) {
      return toDeviceView(await find(devId), clock.now());
    },

    async list(query) {
      const { items, total } = await store.devices.list({
        ...listFilters(query, clock.now()),
        limit: query.limit + 1,
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

    exportPages(query, pageSize = EXPORT_PAGE_SIZE) {
      const now = clock.now();
      const filters = listFilters(query, now);
      return {
        async *[Symbol.asyncIterator]() {
          let after: DeviceListQuery['after'];
          for (;;) {
            const page = await store.devices.list({
              ...filters,
              limit: pageSize,
              withTotal: false,
              ...(after ? { after } : {}),
            });
            if (page.items.length > 0) yield page.items.map((row) => toDeviceView(row, now));
            const last = page.items.at(-1);
            if (page.items.length < pageSize || !last) return;
            after = { value: sortValue(last, query.sort), devId: last.devId };
          }
        },
      };
    },

    async remove(devId) {
      if (!(await store.devices.remove(devId)))
        throw new NotFoundError(`No device "${devId}" is registered.`);
      publish(events, deviceRemoved(devId));
    },

    async setPushUrl(devId, pushUrl) {
      const allowed = allowedPushUrl(pushUrl);
      await find(devId);
      await store.devices.setPushUrl(devId, allowed);
      await this.announce(devId);
    },

    async replaceLabels(devId, labels) {
      if (!(await store.devices.replaceLabels(devId, labels))) {
        throw new NotFoundError(`No device "${devId}" is registered.`);
      }
      return announced(devId);
    },

    async changeLabels(devId, change) {
      const { overLimit } = await store.devices.changeLabels([devId], change);
      if (overLimit.length > 0) {
        throw new InputError(
          `The device would carry more than ${MAX_LABELS_PER_DEVICE} labels; remove some first.`,
          { field: 'add', rule: 'max-labels', max: MAX_LABELS_PER_DEVICE },
        );
      }
      return announced(devId);
    },

    async announce(devId) {
      const row = await store.devices.find(devId);
      if (row) publish(events, deviceUpdated(row, clock.now()));
    },
  };
}
