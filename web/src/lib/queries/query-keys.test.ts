import { QueryClient, hashKey, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { alertKeys, alertListParamsOf, alertsQueryOptions } from './alerts';
import {
  campaignDevicesQueryOptions,
  campaignKeys,
  campaignListQueryOptions,
  campaignQueryOptions,
} from './campaigns';
import { commandKeys, deviceCommandsQueryOptions } from './commands';
import { deviceTreeQueryOptions, dryRunQueryOptions, treeKeys } from './device-tree';
import { deviceKeys, deviceListQueryOptions, deviceQueryOptions } from './devices';
import { deviceNotificationsQueryOptions, notificationKeys } from './notifications';
import { deviceOperationsQueryOptions, operationKeys } from './operations';
import { deviceSessionsQueryOptions, sessionKeys } from './sessions';

const LIST = { q: '', query: 'Mod = "x"', sort: 'devId', order: 'asc' } as const;

/** Which of `keys` an invalidation by `filter` reaches, in a real cache. */
async function reached(keys: QueryKey[], filter: QueryKey): Promise<string[]> {
  const client = new QueryClient();
  for (const key of keys) client.setQueryData(key, {});
  await client.invalidateQueries({ queryKey: filter, refetchType: 'none' });
  return keys.filter((key) => client.getQueryState(key)?.isInvalidated).map((key) => hashKey(key));
}

describe('query keys', () => {
  it('give each resource of a device one key, whichever view asks for it', () => {
    expect(deviceTreeQueryOptions('d1').queryKey).toEqual(treeKeys.device('d1'));
    expect(deviceCommandsQueryOptions('d1').queryKey).toEqual(commandKeys.device('d1'));
    expect(deviceOperationsQueryOptions('d1').queryKey).toEqual(operationKeys.device('d1'));
    expect(deviceSessionsQueryOptions('d1').queryKey).toEqual(sessionKeys.device('d1'));
    expect(deviceQueryOptions('d1').queryKey).toEqual(deviceKeys.detail('d1'));
    // The timeline and the Alerts tab ask for the device's alerts with equal filters: one entry.
    expect(hashKey(alertsQueryOptions({ devId: 'd1' }).queryKey)).toBe(
      hashKey(alertKeys.list({ devId: 'd1' })),
    );
    expect(alertListParamsOf(alertsQueryOptions({ devId: 'd1', status: 'open' }).queryKey)).toEqual({
      devId: 'd1',
      status: 'open',
    });
  });

  it('keep the resources of different devices apart, even when one DevID starts another', async () => {
    const keys = [treeKeys.device('d1'), treeKeys.device('d10'), commandKeys.device('d1')];
    expect(await reached(keys, treeKeys.device('d1'))).toEqual([hashKey(treeKeys.device('d1'))]);
  });

  it('put dry runs under their device’s tree: a tree refetch re-checks them, a dry-run one spares the tree', async () => {
    const dryRun = dryRunQueryOptions('d1', { command: ['DELETE', 'urn:x//A'] }).queryKey;
    const keys = [
      treeKeys.device('d1'),
      dryRun,
      dryRunQueryOptions('d2', { command: ['GET', 'y'] }).queryKey,
    ];
    expect(await reached(keys, treeKeys.device('d1'))).toEqual([
      hashKey(treeKeys.device('d1')),
      hashKey(dryRun),
    ]);
    expect(await reached(keys, treeKeys.dryRuns('d1'))).toEqual([hashKey(dryRun)]);
  });

  it('reach every device list, but no device detail, through the lists key', async () => {
    const keys = [
      deviceListQueryOptions(LIST).queryKey,
      deviceKeys.list({ ...LIST, q: 'a' }),
      deviceKeys.detail('d1'),
    ];
    expect(await reached(keys, deviceKeys.lists())).toHaveLength(2);
  });

  it('reach a device’s wake-up lists of any length through its notifications key', async () => {
    const keys = [
      deviceNotificationsQueryOptions('d1').queryKey,
      deviceNotificationsQueryOptions('d1', 100).queryKey,
      notificationKeys.list('d2', 5),
    ];
    expect(await reached(keys, notificationKeys.device('d1'))).toHaveLength(2);
    expect(deviceNotificationsQueryOptions('d1').queryKey).not.toEqual(
      deviceNotificationsQueryOptions('d1', 100).queryKey,
    );
  });

  it('reach every device page of one campaign, whatever its filter and size, and no other campaign', async () => {
    const keys = [
      campaignDevicesQueryOptions('k1', undefined, undefined).queryKey,
      campaignDevicesQueryOptions('k1', 'failed', 'c2', 200).queryKey,
      campaignDevicesQueryOptions('k2', undefined, undefined).queryKey,
      campaignQueryOptions('k1').queryKey,
      campaignListQueryOptions(undefined, undefined).queryKey,
    ];
    expect(await reached(keys, campaignKeys.devices('k1'))).toHaveLength(2);
    expect(await reached(keys, campaignKeys.lists())).toEqual([
      hashKey(campaignKeys.list(undefined, undefined)),
    ]);
  });
});
