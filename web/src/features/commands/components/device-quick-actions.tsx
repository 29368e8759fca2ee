import { Group, Stack } from '@mantine/core';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { NotificationStatus } from './notification-status';
import { RefreshInventoryButton } from './refresh-inventory-button';
import { WakeNowButton } from './wake-now-button';

/** The two actions people use most, for the device header (ux.md, Device page). */
export function DeviceQuickActions({ devId }: { devId: string }) {
  const canOperate = useCanOperate();
  return (
    <Stack gap={4} align="flex-end">
      {canOperate && (
        <Group gap="xs">
          <WakeNowButton devId={devId} />
          <RefreshInventoryButton devId={devId} />
        </Group>
      )}
      <NotificationStatus devId={devId} />
    </Stack>
  );
}
