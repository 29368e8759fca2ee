import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { RefreshCw } from 'lucide-react';
import type { DeviceTree } from '@dmc/shared/api';
import { concreteClientUri, STANDARD_MOIDS } from '@dmc/shared/protocol';
import { useComposerTree } from '../api/get-device-tree';
import { useQueueCommand } from '../api/queue-command';

const DEVINFO_MOIDS: readonly string[] = [STANDARD_MOIDS.devInfo12, STANDARD_MOIDS.devInfo10];

/** The DevInfo instance the device reported, or the only DevInfo 1.0 instance as a fallback. */
export function devInfoUri(tree: DeviceTree | undefined): string {
  const instance = tree?.instances.find((i) => DEVINFO_MOIDS.includes(i.moid));
  return instance
    ? concreteClientUri(instance.moid, instance.miid, '')
    : concreteClientUri(STANDARD_MOIDS.devInfo10, '', '');
}

/** Queues a GET of the DevInfo instance (profile §5, "Inventory"). */
export function RefreshInventoryButton({ devId }: { devId: string }) {
  const tree = useComposerTree(devId);
  const queue = useQueueCommand(devId);
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<RefreshCw size={14} aria-hidden />}
      loading={queue.isPending}
      onClick={() =>
        queue.mutate(
          { command: ['GET', devInfoUri(tree.data)] },
          {
            onSuccess: () =>
              notifications.show({ color: 'teal', title: 'Inventory refresh queued', message: devId }),
            onError: (error) =>
              notifications.show({
                color: 'red',
                title: 'Could not queue the refresh',
                message: error.message,
              }),
          },
        )
      }
    >
      Refresh inventory
    </Button>
  );
}
