import { Badge, Group, Table, Text } from '@mantine/core';
import { FileText, Folder } from 'lucide-react';
import { RelativeTime } from '../../../components/ui/relative-time';
import type { NodeChange } from '../hooks/use-tree-live-updates';
import type { TreeRow } from '../lib/tree-model';
import { AccessTypes } from './access-types';

const clip = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

function Value({ value }: { value: string | null }) {
  if (value === null) {
    return (
      <Text component="span" size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Text component="span" size="sm" ff="monospace" title={value}>
      {value}
    </Text>
  );
}

type TreeNodeRowProps = { row: TreeRow; change: NodeChange | undefined };

export function TreeNodeRow({ row, change }: TreeNodeRowProps) {
  const { node, name, depth } = row;
  const isInterior = node.format === 'node';
  const Icon = isInterior ? Folder : FileText;
  return (
    <Table.Tr
      data-testid="tree-node"
      data-path={node.path}
      data-changed={change ? 'true' : undefined}
      className={change ? 'dmc-flash' : undefined}
    >
      <Table.Td style={clip}>
        <Group gap={6} wrap="nowrap" pl={depth * 16}>
          <Icon size={14} aria-hidden opacity={0.6} style={{ flexShrink: 0 }} />
          <Text component="span" size="sm" fw={isInterior ? 600 : 400} title={node.path || '/'}>
            {name}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td style={clip}>
        {change ? (
          <Group gap={6} wrap="nowrap" data-testid="node-change">
            <Text component="s" size="sm" ff="monospace" c="dimmed">
              {change.oldValue ?? '—'}
            </Text>
            <Text component="span" size="sm" aria-label="changed to">
              →
            </Text>
            <Value value={change.newValue} />
          </Group>
        ) : (
          !isInterior && <Value value={node.value} />
        )}
      </Table.Td>
      <Table.Td>
        <Badge
          variant="light"
          color={isInterior ? 'gray' : 'indigo'}
          size="sm"
          radius="sm"
          tt="none"
          ff="monospace"
        >
          {node.meta?.Format ?? node.format}
        </Badge>
      </Table.Td>
      <Table.Td>
        <AccessTypes types={node.meta?.AccessType} />
      </Table.Td>
      <Table.Td style={clip}>
        <Text component="span" size="sm" c="dimmed" title={node.meta?.Description}>
          {node.meta?.Description ?? ''}
        </Text>
      </Table.Td>
      <Table.Td style={clip}>
        <RelativeTime iso={node.reportedAt} size="sm" c="dimmed" />
      </Table.Td>
    </Table.Tr>
  );
}
