import type { ReactNode } from 'react';
import { Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Braces } from 'lucide-react';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useNow } from '../../../hooks/use-now';
import { useNodeCommands } from '../hooks/use-node-commands';
import type { NodeChange } from '../lib/recent-changes';
import type { ExplorerRow } from '../lib/explorer-rows';
import { refUri } from '../lib/node-ref';
import { isStale, STALE_AFTER_MS } from '../lib/stale';
import { AccessTypes } from './access-types';
import { NodeHistory } from './history/node-history';
import { NodeActionsBar } from './node-actions-bar';
import { TrackedCommandBadge } from './tracked-command-badge';

type NodeDetailsProps = {
  devId: string;
  row: ExplorerRow;
  change: NodeChange | undefined;
  canOperate: boolean;
  /** The time the tree is shown as of (read-only); undefined: live. */
  asOf?: string | undefined;
  onOpenJson: () => void;
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={130} fw={500} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function changeSource(change: NodeChange): string {
  const { kind, id } = change.source;
  if (kind === 'command') return id ? `command ${id.slice(0, 8)}` : 'a command';
  return id ? `${kind} ${id.slice(0, 8)}` : `a device ${kind}`;
}

/** The selected node: value, meta-data, age of the value, live change and the allowed actions. */
export function NodeDetails({ devId, row, change, canOperate, asOf, onOpenJson }: NodeDetailsProps) {
  const now = useNow();
  const uri = refUri(row);
  const tracked = useNodeCommands(devId, uri);
  const { node, meta } = row;
  const format = meta?.Format ?? node?.format ?? 'node';
  const isLeaf = format !== 'node';
  const stale = asOf === undefined && node !== undefined && isStale(node.reportedAt, now);

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label="Node details"
      h="100%"
      style={{ overflow: 'auto' }}
    >
      <Stack gap="sm">
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap">
            <Title order={3} size="h4" style={{ wordBreak: 'break-all' }}>
              {row.name}
            </Title>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<Braces size={14} aria-hidden />}
              style={{ flexShrink: 0 }}
              onClick={onOpenJson}
            >
              JSON view
            </Button>
          </Group>
          <Code style={{ wordBreak: 'break-all' }} data-testid="node-uri">
            {uri}
          </Code>
        </Stack>
        {change && (
          <Paper withBorder p="xs" radius="sm" className="dmc-flash" data-testid="node-live-change">
            <Text size="sm">
              Changed{' '}
              <Text component="s" c="dimmed" ff="monospace">
                {change.oldValue ?? '—'}
              </Text>{' '}
              →{' '}
              <Text component="span" ff="monospace" fw={600}>
                {change.deleted ? 'deleted' : (change.newValue ?? '—')}
              </Text>{' '}
              by {changeSource(change)}
            </Text>
          </Paper>
        )}
        <Table withRowBorders={false} verticalSpacing={4} fz="sm">
          <Table.Tbody>
            {isLeaf && (
              <Field label="Value">
                <Text
                  ff="monospace"
                  size="sm"
                  {...(node?.value ? {} : { c: 'dimmed' })}
                  style={{ wordBreak: 'break-all' }}
                  data-testid="node-value"
                >
                  {node?.value === '' ? '(empty)' : (node?.value ?? '—')}
                </Text>
              </Field>
            )}
            <Field label="Format">
              <Badge variant="light" size="sm" radius="sm" tt="none" ff="monospace">
                {format}
              </Badge>
            </Field>
            <Field label="Access type">
              <Group gap="xs">
                <AccessTypes types={meta?.AccessType} />
                <Text size="xs" c="dimmed">
                  {meta ? meta.AccessType.join(', ') || 'none' : 'no meta-data'}
                </Text>
              </Group>
            </Field>
            <Field label="Occurrence">
              {meta?.Occurrence ?? '—'}
              {meta?.MaxOccurrence !== undefined ? ` (max ${meta.MaxOccurrence})` : ''}
            </Field>
            <Field label="Scope">{meta?.Scope ?? '—'}</Field>
            <Field label="Description">{meta?.Description ?? '—'}</Field>
            <Field label="Reported">
              {node ? (
                <Group gap="xs">
                  <RelativeTime iso={node.reportedAt} size="sm" />
                  {stale && (
                    <Badge
                      color="orange"
                      variant="light"
                      size="sm"
                      title={`Reported more than ${STALE_AFTER_MS / 3_600_000} h ago`}
                    >
                      Stale
                    </Badge>
                  )}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  not read yet
                </Text>
              )}
            </Field>
          </Table.Tbody>
        </Table>
        {canOperate && <NodeActionsBar key={row.key} devId={devId} row={row} />}
        <NodeHistory devId={devId} uri={uri} />
        {tracked.length > 0 && (
          <Stack gap={4} aria-label="Commands for this node">
            {tracked.slice(0, 4).map((c) => (
              <TrackedCommandBadge key={c.id} command={c} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
