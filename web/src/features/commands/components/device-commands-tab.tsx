import { Group, Stack, Title } from '@mantine/core';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { CommandComposer } from './composer/command-composer';
import { CommandHistory } from './command-history';
import { NotificationStatus } from './notification-status';
import { WakeNowButton } from './wake-now-button';

/** Composer (operators only) above the device's live queue and history. */
export function DeviceCommandsTab({ devId }: { devId: string }) {
  const canOperate = useCanOperate();
  return (
    <Stack gap="md">
      {canOperate && <CommandComposer devId={devId} />}
      <Group justify="space-between" align="center">
        <Title order={3} fz="md" fw={600}>
          Queue and history
        </Title>
        <Group gap="sm">
          <NotificationStatus devId={devId} />
          {canOperate && <WakeNowButton devId={devId} />}
        </Group>
      </Group>
      <CommandHistory devId={devId} />
    </Stack>
  );
}
