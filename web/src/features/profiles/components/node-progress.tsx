import { Badge, Code, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { ProfileDeviceState } from '@dmc/shared/api';
import { ExecStateBadge, NodeStateBadge } from './profile-badges';

/** A ClientURI shortened to its last segments, whole on hover. */
function ShortUri({ uri }: { uri: string }) {
  const parts = uri.split('/');
  const short = parts.length > 3 ? `…/${parts.slice(-2).join('/')}` : uri;
  return (
    <Tooltip label={uri} disabled={short === uri}>
      <Code fz="xs">{short}</Code>
    </Tooltip>
  );
}

/**
 * Where each node (and EXEC) of one profile stands on one device: its state, why (what it waits
 * for, the DM status and its meaning, which profile holds it), and the writes after drift.
 */
export function NodeProgress({ state }: { state: ProfileDeviceState }) {
  return (
    <Stack gap={4} data-testid="node-progress">
      {state.nodes.map((node) => (
        <Group
          key={node.uri}
          gap="xs"
          wrap="nowrap"
          align="baseline"
          data-testid="node-progress-row"
          data-uri={node.uri}
        >
          <NodeStateBadge state={node.state} />
          <ShortUri uri={node.uri} />
          {node.sc !== null && (
            <Text size="xs" c="dimmed">
              status {node.sc}
            </Text>
          )}
          {node.reason !== null && (
            <Text size="xs" c={node.state === 'failed' ? 'red' : 'dimmed'} data-testid="node-reason">
              {node.reason}
            </Text>
          )}
          {node.driftWrites > 0 && (
            <Badge size="xs" variant="outline" color="orange" tt="none" data-testid="drift-writes">
              drift corrected ×{node.driftWrites}
            </Badge>
          )}
        </Group>
      ))}
      {state.execs.map((exec) => (
        <Group key={exec.uri} gap="xs" wrap="nowrap" align="baseline" data-testid="exec-progress-row">
          <Text size="xs" fw={600}>
            EXEC
          </Text>
          <ExecStateBadge state={exec.state} />
          <ShortUri uri={exec.uri} />
          {exec.reason !== null && (
            <Text size="xs" c={exec.state === 'failed' ? 'red' : 'dimmed'}>
              {exec.reason}
            </Text>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** A device's state in one profile: its one-line reason (when it has one) above every node's progress. */
export function StateDetails({ state, reasonTestId }: { state: ProfileDeviceState; reasonTestId: string }) {
  return (
    <Stack gap={4}>
      {state.reason !== null && (
        <Text size="sm" data-testid={reasonTestId}>
          {state.reason}
        </Text>
      )}
      <NodeProgress state={state} />
    </Stack>
  );
}
