import { Paper, Skeleton, Stack, Text } from '@mantine/core';
import { ErrorState } from '../../../components/ui/error-state';
import { useDeviceTree } from '../api/get-device-tree';
import { useTreeLiveUpdates } from '../hooks/use-tree-live-updates';
import { sortInstances } from '../lib/tree-model';
import { TreeInstanceCard } from './tree-instance-card';

/** Read-only view of the device's last-known management tree, patched live. */
export function DeviceTreeTab({ devId }: { devId: string }) {
  const { data, error, isPending } = useDeviceTree(devId);
  const changes = useTreeLiveUpdates(devId);

  if (isPending) {
    return (
      <Stack gap="md">
        <Skeleton height={180} radius="md" />
        <Skeleton height={120} radius="md" />
      </Stack>
    );
  }
  if (error) return <ErrorState error={error} title="Could not load the tree" />;
  if (data.instances.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Text ta="center" c="dimmed" size="sm">
          The device has not reported any management objects yet. They appear after its first session.
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="md">
      {sortInstances(data.instances).map((instance) => (
        <TreeInstanceCard key={`${instance.moid}/${instance.miid}`} instance={instance} changes={changes} />
      ))}
    </Stack>
  );
}
