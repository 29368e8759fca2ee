import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { Fact } from '../../../components/ui/fact';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { deviceQueryOptions } from '../../../lib/queries/devices';
import { DeviceLabels } from './device-labels';
import { LabelEditor } from './label-editor';
import { OnlineState } from './online-state';

/** DevID, inventory and contact state of one device, kept live by 'device:updated'. */
export function DeviceHeader({ devId, actions }: { devId: string; actions?: ReactNode }) {
  const { data: device, error, isPending } = useQuery(deviceQueryOptions(devId));
  const canOperate = useCanOperate();
  if (error) return <ErrorState error={error} title={`Could not load device ${devId}`} />;

  return (
    <Paper withBorder radius="md" p="lg" data-testid="device-header">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} fz="h3" ff="monospace" fw={600} style={{ wordBreak: 'break-all' }}>
            {devId}
          </Title>
          <Group gap="md" align="center">
            {actions}
            {device && <OnlineState online={device.online} />}
          </Group>
        </Group>
        {isPending ? (
          <Skeleton height={40} radius="sm" />
        ) : (
          <Group gap={40} align="flex-start">
            <Fact label="Model">{device.devInfo.Mod ?? '—'}</Fact>
            <Fact label="Manufacturer">{device.devInfo.Man ?? '—'}</Fact>
            <Fact label="Firmware">
              <Text component="span" size="sm" ff="monospace">
                {device.devInfo.FwV ?? '—'}
              </Text>
            </Fact>
            <Fact label="Last contact">
              <RelativeTime iso={device.lastSeenAt} size="sm" />
            </Fact>
            <Fact label="Registered">
              <RelativeTime iso={device.createdAt} size="sm" />
            </Fact>
            <Fact label="Wake-up">
              {/* A push URL means the server can wake it with P0; otherwise work waits for its next contact. */}
              <Text
                component="span"
                size="sm"
                title={device.pushUrl ?? undefined}
                data-testid="wake-capability"
              >
                {device.pushUrl ? 'Can be woken (P0 push)' : 'At next contact'}
              </Text>
            </Fact>
            <Fact label="Labels">
              {canOperate ? <LabelEditor device={device} /> : <DeviceLabels labels={device.labels} max={8} />}
            </Fact>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
