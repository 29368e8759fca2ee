// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { QueryClientProvider, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AlertPage,
  CampaignRecord,
  CommandList,
  Device,
  DeviceTree,
  FleetStats,
  NotificationList,
  OperationList,
} from '@dmc/shared/api';
import type { TreeChangedEvent } from '@dmc/shared/events';
import { campaignKeys } from '../lib/queries/campaigns';
import { commandKeys } from '../lib/queries/commands';
import { treeKeys } from '../lib/queries/device-tree';
import { deviceKeys, type DevicePages } from '../lib/queries/devices';
import { alertKeys } from '../lib/queries/alerts';
import { notificationKeys } from '../lib/queries/notifications';
import { operationKeys } from '../lib/queries/operations';
import { sessionKeys } from '../lib/queries/sessions';
import { statsKeys } from '../lib/queries/stats';
import { SocketContext } from '../lib/socket-context';
import { createTestQueryClient } from '../test/dom';
import {
  AT,
  DEVINFO,
  LATER,
  alert,
  campaign,
  command,
  device,
  notification,
  operation,
  stats,
  tree,
} from '../test/fixtures';
import { startLiveServer, type LiveServer } from '../test/live-server';
import { useLiveUpdates } from './use-live-updates';

let live: LiveServer;
let queryClient: QueryClient;

beforeEach(async () => {
  live = await startLiveServer();
  queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SocketContext value={live.client}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </SocketContext>
  );
  renderHook(() => useLiveUpdates(), { wrapper });
});

afterEach(async () => {
  cleanup();
  queryClient.clear();
  await live.close();
});

const isInvalidated = (key: QueryKey) => queryClient.getQueryState(key)?.isInvalidated;

/** Events arrive in order: once this marker is applied, every event sent before it was too. */
async function settle(): Promise<void> {
  const key = commandKeys.device('marker');
  queryClient.setQueryData<CommandList>(key, { items: [command({ id: 'm', devId: 'marker' })] });
  live.emit('command:state-changed', {
    id: 'm',
    devId: 'marker',
    state: 'sent',
    sc: null,
    deliveries: 1,
    reason: null,
    outcome: null,
    at: LATER,
  });
  await waitFor(() => expect(queryClient.getQueryData<CommandList>(key)?.items[0]?.state).toBe('sent'));
}

describe('command:state-changed', () => {
  it('moves the command in the cached list without a refetch when the event carries all it needs', async () => {
    queryClient.setQueryData<CommandList>(commandKeys.device('d1'), {
      items: [command({ id: 'c1', state: 'queued' }), command({ id: 'c2' })],
    });
    live.emit('command:state-changed', {
      id: 'c1',
      devId: 'd1',
      state: 'sent',
      sc: null,
      deliveries: 1,
      reason: null,
      outcome: null,
      at: LATER,
    });
    await waitFor(() =>
      expect(queryClient.getQueryData<CommandList>(commandKeys.device('d1'))?.items[0]).toMatchObject({
        state: 'sent',
        deliveries: 1,
        updatedAt: LATER,
      }),
    );
    expect(isInvalidated(commandKeys.device('d1'))).toBe(false);
  });

  it('refetches for a new status code (its meaning comes from the API) and for a command the list lacks', async () => {
    queryClient.setQueryData<CommandList>(commandKeys.device('d1'), { items: [command({ id: 'c1' })] });
    queryClient.setQueryData<CommandList>(commandKeys.device('d2'), { items: [command({ devId: 'd2' })] });
    live.emit('command:state-changed', {
      id: 'c1',
      devId: 'd1',
      state: 'ok',
      sc: 200,
      deliveries: 1,
      reason: null,
      outcome: null,
      at: LATER,
    });
    await waitFor(() => expect(isInvalidated(commandKeys.device('d1'))).toBe(true));
    expect(isInvalidated(commandKeys.device('d2'))).toBe(false);

    live.emit('command:state-changed', {
      id: 'new',
      devId: 'd2',
      state: 'queued',
      sc: null,
      deliveries: 0,
      reason: null,
      outcome: null,
      at: LATER,
    });
    await waitFor(() => expect(isInvalidated(commandKeys.device('d2'))).toBe(true));
  });

  it('refetches the operations only when one of theirs changed or one is under way', async () => {
    queryClient.setQueryData<OperationList>(operationKeys.device('d1'), {
      items: [operation({ state: 'ok', commands: ['c9'] })],
    });
    live.emit('command:state-changed', {
      id: 'other',
      devId: 'd1',
      state: 'sent',
      sc: null,
      deliveries: 1,
      reason: null,
      outcome: null,
      at: LATER,
    });
    await settle();
    expect(isInvalidated(operationKeys.device('d1'))).toBe(false);

    live.emit('command:state-changed', {
      id: 'c9',
      devId: 'd1',
      state: 'ok',
      sc: 200,
      deliveries: 1,
      reason: null,
      outcome: null,
      at: LATER,
    });
    await waitFor(() => expect(isInvalidated(operationKeys.device('d1'))).toBe(true));
  });
});

describe('tree:changed', () => {
  const fwv = (value: string): TreeChangedEvent => ({
    devId: 'd1',
    moid: DEVINFO,
    miid: '1',
    changes: [{ path: 'FwV', oldValue: '1.0', newValue: value, deleted: false }],
    source: { kind: 'command', id: 'c1' },
    at: LATER,
  });

  it('patches the one cached tree of the device in place and re-checks its dry runs', async () => {
    const dryRun = treeKeys.dryRun('d1', { command: ['DELETE', 'x'] });
    queryClient.setQueryData<DeviceTree>(treeKeys.device('d1'), tree('d1'));
    queryClient.setQueryData<DeviceTree>(treeKeys.device('d10'), tree('d10'));
    queryClient.setQueryData(dryRun, { ok: true, problems: [] });
    live.emit('tree:changed', fwv('2.0'));
    await waitFor(() =>
      expect(
        queryClient
          .getQueryData<DeviceTree>(treeKeys.device('d1'))
          ?.instances[0]?.nodes.find((n) => n.path === 'FwV'),
      ).toMatchObject({ value: '2.0', reportedAt: LATER }),
    );
    expect(isInvalidated(treeKeys.device('d1'))).toBe(false);
    expect(isInvalidated(dryRun)).toBe(true);
    expect(queryClient.getQueryData<DeviceTree>(treeKeys.device('d10'))).toEqual(tree('d10'));
  });

  it('refetches the tree when a change names a node the cache lacks', async () => {
    queryClient.setQueryData<DeviceTree>(treeKeys.device('d1'), tree('d1'));
    live.emit('tree:changed', {
      ...fwv('x'),
      changes: [{ path: 'Ext/New', oldValue: null, newValue: 'x', deleted: false }],
    });
    await waitFor(() => expect(isInvalidated(treeKeys.device('d1'))).toBe(true));
  });
});

describe('device events', () => {
  it('replace the detail and the list row, and drop a removed device from the lists', async () => {
    const listKey = deviceKeys.list({ q: '', query: '', sort: 'devId', order: 'asc' });
    queryClient.setQueryData<Device>(deviceKeys.detail('d1'), device());
    queryClient.setQueryData<DevicePages>(listKey, {
      pages: [{ items: [device(), device({ devId: 'd2' })], nextCursor: null, total: 2 }],
      pageParams: [undefined],
    });
    live.emit('device:updated', { device: device({ online: true, lastSeenAt: LATER }) });
    await waitFor(() => expect(queryClient.getQueryData<Device>(deviceKeys.detail('d1'))?.online).toBe(true));
    expect(queryClient.getQueryData<DevicePages>(listKey)?.pages[0]?.items[0]?.online).toBe(true);

    live.emit('device:removed', { devId: 'd2' });
    await waitFor(() => expect(queryClient.getQueryData<DevicePages>(listKey)?.pages[0]?.total).toBe(1));
    expect(queryClient.getQueryData<DevicePages>(listKey)?.pages[0]?.items.map((d) => d.devId)).toEqual([
      'd1',
    ]);
  });
});

describe('alerts', () => {
  it('puts a new alert first in the lists whose filters it matches, and nowhere else', async () => {
    const page: AlertPage = { items: [alert({ id: 'old' })], nextCursor: null };
    const mine = alertKeys.list({ devId: 'd1' });
    const other = alertKeys.list({ devId: 'd2' });
    const acknowledged = alertKeys.list({ devId: null, status: 'acknowledged' });
    for (const key of [mine, other, acknowledged]) queryClient.setQueryData(key, page);
    live.emit('alert:received', { alert: alert({ id: 'new' }), coalesced: false, occurrences: 1 });
    await waitFor(() =>
      expect(queryClient.getQueryData<AlertPage>(mine)?.items.map((a) => a.id)).toEqual(['new', 'old']),
    );
    expect(queryClient.getQueryData<AlertPage>(other)).toBe(page);
    expect(queryClient.getQueryData<AlertPage>(acknowledged)).toBe(page);
  });

  it('takes an acknowledged alert out of the open list and counts it off the stats', async () => {
    const open = alertKeys.list({ devId: null, status: 'open' });
    queryClient.setQueryData<AlertPage>(open, { items: [alert({ id: 'a1' })], nextCursor: null });
    queryClient.setQueryData<FleetStats>(statsKeys.fleet(), stats());
    live.emit('alert:acknowledged', {
      alerts: [alert({ id: 'a1', acknowledgedAt: LATER, acknowledgedBy: 'ann' })],
    });
    await waitFor(() => expect(queryClient.getQueryData<AlertPage>(open)?.items).toEqual([]));
    expect(queryClient.getQueryData<FleetStats>(statsKeys.fleet())?.openAlertsByMark.critical).toBe(0);
  });
});

describe('wake-ups, operations and sessions', () => {
  it('merges a wake-up into every cached list of the device, at the length it was fetched with', async () => {
    const latest = notificationKeys.list('d1', 1);
    queryClient.setQueryData<NotificationList>(latest, { items: [notification({ id: 'n0' })] });
    live.emit('notification:updated', { notification: notification({ id: 'n1', updatedAt: LATER }) });
    await waitFor(() => expect(queryClient.getQueryData<NotificationList>(latest)?.items[0]?.id).toBe('n1'));
    expect(queryClient.getQueryData<NotificationList>(latest)?.items).toHaveLength(1);
    // No list is made up for a device nobody looked at.
    live.emit('notification:updated', { notification: notification({ devId: 'd9' }) });
    await settle();
    expect(queryClient.getQueryCache().findAll({ queryKey: notificationKeys.device('d9') })).toEqual([]);
  });

  it('replaces an operation in place', async () => {
    queryClient.setQueryData<OperationList>(operationKeys.device('d1'), { items: [operation()] });
    live.emit('operation:updated', { operation: operation({ state: 'ok', updatedAt: LATER }) });
    await waitFor(() =>
      expect(queryClient.getQueryData<OperationList>(operationKeys.device('d1'))?.items[0]?.state).toBe('ok'),
    );
    expect(isInvalidated(operationKeys.device('d1'))).toBe(false);
  });

  it('lists a started session on the dashboard and refetches the device’s sessions', async () => {
    queryClient.setQueryData<FleetStats>(statsKeys.fleet(), stats());
    queryClient.setQueryData(sessionKeys.device('d1'), { items: [] });
    live.emit('session:started', { devId: 'd1', sessionId: 's1', at: AT });
    await waitFor(() =>
      expect(queryClient.getQueryData<FleetStats>(statsKeys.fleet())?.recentSessions[0]).toMatchObject({
        id: 's1',
        status: 'open',
      }),
    );
    expect(queryClient.getQueryData<FleetStats>(statsKeys.fleet())?.sessionsPerMinute[0]?.count).toBe(3);
    expect(isInvalidated(sessionKeys.device('d1'))).toBe(true);
  });
});

it('ignores a payload the shared schema refuses', async () => {
  queryClient.setQueryData<CommandList>(commandKeys.device('d1'), { items: [command()] });
  live.emitRaw('command:state-changed', { id: 'c1', devId: 'd1', state: 'exploded', sc: null, at: LATER });
  await settle();
  expect(queryClient.getQueryData<CommandList>(commandKeys.device('d1'))?.items[0]?.state).toBe('queued');
  expect(isInvalidated(commandKeys.device('d1'))).toBe(false);
});

describe('campaign:updated', () => {
  it('patches the cached campaign with the record the event carries, and drops a malformed one', async () => {
    queryClient.setQueryData<CampaignRecord>(campaignKeys.detail('k1'), campaign());
    live.emitRaw('campaign:updated', { campaign: { id: 'k1', state: 'cancelled' } });
    live.emit('campaign:updated', {
      campaign: campaign({
        state: 'paused',
        pausedReason: 'manual',
        counts: { ...campaign().counts, ok: 7 },
      }),
    });
    await waitFor(() =>
      expect(queryClient.getQueryData<CampaignRecord>(campaignKeys.detail('k1'))).toMatchObject({
        state: 'paused',
        pausedReason: 'manual',
        counts: { ok: 7 },
      }),
    );
    expect(isInvalidated(campaignKeys.detail('k1'))).toBe(false);
  });
});
