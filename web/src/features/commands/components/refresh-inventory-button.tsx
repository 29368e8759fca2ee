import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { RefreshCw } from 'lucide-react';
import type { DeviceTree } from '@dmc/shared/api';
import { concreteClientUri, STANDARD_MOIDS } from '@dmc/shared/protocol';
import { deviceTreeQueryOptions } from '../../../lib/queries/device-tree';
import { useQueueCommand } from '../api/queue-command';
import { ActionButton } from '../../../components/ui/action-button';

const DEVINFO_MOIDS: readonly string[] = [STANDARD_MOIDS.devInfo12, STANDARD_MOIDS.devInfo10];

/** The DevInfo instance the device reported, or the only DevInfo 1.0 instance as a fallback. */
export function devInfoUri(tree: DeviceTree | undefined): string {
  const instance = tree?.instances.find((i) => DEVINFO_MOIDS.includes(i.moid));
  return instance
    ? concreteClientUri(instance.moid, instance.miid, '')
    : concreteClientUri(STANDARD_MOIDS.devInfo10, '', '');
}

/**
 * Queues a GET of the DevInfo instance (protocol §5, "Inventory"). The tree, needed only for the
 * instance's MIID, is read when the button is pressed: on a device page it would otherwise fetch
 * the whole tree (20,000 nodes on a big device) for every tab.
 */
export function RefreshInventoryButton({ devId }: { devId: string }) {
  const queryClient = useQueryClient();
  const queue = useQueueCommand(devId);
  const [isReading, setReading] = useState(false);
  const failed = (error: Error) =>
    notifications.show({ color: 'red', title: 'Could not queue the refresh', message: error.message });
  const refresh = async () => {
    setReading(true);
    let tree: DeviceTree;
    try {
      tree = await queryClient.ensureQueryData(deviceTreeQueryOptions(devId));
    } catch (error) {
      failed(error instanceof Error ? error : new Error(String(error)));
      return;
    } finally {
      setReading(false);
    }
    queue.mutate(
      { command: ['GET', devInfoUri(tree)] },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', title: 'Inventory refresh queued', message: devId }),
        onError: failed,
      },
    );
  };
  return (
    <ActionButton
      size="xs"
      variant="default"
      leftSection={<RefreshCw size={14} aria-hidden />}
      loading={isReading || queue.isPending}
      onClick={() => void refresh()}
    >
      Refresh inventory
    </ActionButton>
  );
}
