import { Badge, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { OperationRecord } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { getArtifactsQueryOptions } from '../../../lib/queries/artifacts';
import { deviceTreeQueryOptions } from '../../../lib/queries/device-tree';
import { deviceOperationsQueryOptions, isActiveOperation } from '../../../lib/queries/operations';
import {
  describeOutcome,
  fumoStates,
  OPERATION_STATE_COLOR,
  OPERATION_STATE_WORDS,
} from '../lib/operation-progress';

function OperationItem({
  op,
  fumo,
  artifactName,
}: {
  op: OperationRecord;
  fumo: string[];
  artifactName: string;
}) {
  const outcome = describeOutcome(op);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="operation" data-state={op.state}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {op.kind === 'firmware-update' ? 'Firmware update' : 'Software install'}
            </Text>
            <Text size="sm" c="dimmed">
              {artifactName}
            </Text>
          </Group>
          {outcome && <Text size="sm">{outcome}</Text>}
          {op.kind === 'firmware-update' && fumo.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="fumo-state">
              FUMO State — {fumo.join(' · ')}
            </Text>
          )}
          {op.resumeAt && (
            <Text size="xs" c="dimmed">
              Resumes <RelativeTime iso={op.resumeAt} size="xs" />
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {op.commands.length} command{op.commands.length === 1 ? '' : 's'}
            {op.consentCommand ? ' · consent page' : ''} · started{' '}
            <RelativeTime iso={op.createdAt} size="xs" />
          </Text>
        </Stack>
        <Badge
          color={OPERATION_STATE_COLOR[op.state]}
          variant={isActiveOperation(op.state) ? 'dot' : 'light'}
          radius="sm"
          data-testid="operation-state"
        >
          {OPERATION_STATE_WORDS[op.state]}
        </Badge>
      </Group>
    </Paper>
  );
}

/** The device's operations with their progress, kept live by command and tree events. */
export function OperationList({ devId }: { devId: string }) {
  const { data, error, isPending } = useQuery(deviceOperationsQueryOptions(devId));
  const tree = useQuery(deviceTreeQueryOptions(devId));
  const artifacts = useQuery(getArtifactsQueryOptions());
  if (isPending) return <Skeleton height={80} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load updates" />;
  if (data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No firmware update or software install has been started for this device.
      </Text>
    );
  }
  const fumo = fumoStates(tree.data);
  const nameOf = (id: string | null) => {
    const a = artifacts.data?.items.find((x) => x.id === id);
    return a ? `${a.name} ${a.version}` : 'artifact removed';
  };
  return (
    <Stack gap="xs" aria-label="Updates">
      {data.items.map((op) => (
        <OperationItem key={op.id} op={op} fumo={fumo} artifactName={nameOf(op.artifactId)} />
      ))}
    </Stack>
  );
}
