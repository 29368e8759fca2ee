// Builders and the fresh-store hook shared by the contract suites.
import { afterEach, beforeEach } from 'vitest';
import type {
  AlertRow,
  CommandRow,
  DeviceRow,
  NotificationRow,
  SessionRow,
  Store,
  TreeNodeRow,
} from '../ports';

export type OpenStore = () => Promise<Store>;

/** Opens a fresh store before each test and closes it after; returns the current one. */
export function useFreshStore(open: OpenStore): () => Store {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (store === undefined) throw new Error('no store open');
    return store;
  };
}

export const T0 = Date.UTC(2026, 0, 1);

export function at(offsetMs: number): Date {
  return new Date(T0 + offsetMs);
}

/** A P0 notification for queued work, pending unless `overrides` says otherwise. */
export function makeNotification(
  id: string,
  devId: string,
  overrides: Partial<NotificationRow> = {},
): NotificationRow {
  return {
    id,
    devId,
    notificationId: 7,
    state: 'pending',
    reason: 'queued-work',
    attempts: 0,
    lastError: null,
    nextAttemptAt: at(0),
    deadline: at(600_000),
    createdAt: at(0),
    updatedAt: at(0),
    answeredAt: null,
    sessionId: null,
    ...overrides,
  };
}

export function makeDevice(devId: string, overrides: Partial<DeviceRow> = {}): DeviceRow {
  return {
    devId,
    labels: [],
    pushUrl: null,
    createdAt: at(0),
    lastSeenAt: null,
    devInfo: {
      Man: null,
      Mod: null,
      FwV: null,
      SwV: null,
      HwV: null,
      DevType: null,
      Lang: null,
      DmV: null,
      OEM: null,
    },
    devInfoAt: null,
    credentials: {
      basicVerifier: `basic-${devId}`,
      digestHa1Md5: `md5-${devId}`,
      digestHa1Sha256: `sha256-${devId}`,
      notifySecretEnc: null,
    },
    ...overrides,
  };
}

export function makeSession(id: string, devId: string, overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    token: `token-${id}`,
    devId,
    status: 'open',
    state: { kind: 'exchanging', step: 1 },
    version: 1,
    startedAt: at(0),
    updatedAt: at(0),
    expiresAt: at(60_000),
    endedAt: null,
    ...overrides,
  };
}

export function makeCommand(
  id: string,
  devId: string,
  overrides: Partial<Omit<CommandRow, 'seq'>> = {},
): Omit<CommandRow, 'seq'> {
  return {
    id,
    devId,
    command: ['GET', '/DevInfo/Mod'],
    state: 'queued',
    sc: null,
    result: null,
    sessionId: null,
    jobToken: null,
    createdAt: at(0),
    updatedAt: at(0),
    sentAt: null,
    expiresAt: null,
    deliveries: 0,
    createdBy: null,
    reason: null,
    ...overrides,
  };
}

export function makeAlert(id: string, devId: string, overrides: Partial<AlertRow> = {}): AlertRow {
  return {
    id,
    devId,
    sessionId: null,
    alertType: 'urn:oma:at:dm:2.0:Generic',
    sourceUri: null,
    targetUri: null,
    mark: null,
    dataType: null,
    data: null,
    receivedAt: at(0),
    acknowledgedAt: null,
    acknowledgedBy: null,
    count: 1,
    firstAt: overrides.receivedAt ?? at(0),
    sessionStart: false,
    ...overrides,
  };
}

export function makeNode(
  path: string,
  value: string | null,
  overrides: Partial<TreeNodeRow> = {},
): TreeNodeRow {
  return {
    moid: 'urn:oma:mo:oma-dm-devinfo:1.0',
    miid: '1',
    path,
    value,
    format: 'chr',
    reportedAt: at(0),
    ...overrides,
  };
}
