import { Stack, Title } from '@mantine/core';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { OperationList } from './operation-list';
import { StartOperationForm } from './start-operation-form';

/** Firmware updates and software installs of one device: start (operators) and follow. */
export function DeviceUpdatesTab({ devId }: { devId: string }) {
  const canOperate = useCanOperate();
  return (
    <Stack gap="md">
      {canOperate && <StartOperationForm devId={devId} />}
      <Title order={3} fz="md" fw={600}>
        Updates
      </Title>
      <OperationList devId={devId} />
    </Stack>
  );
}
