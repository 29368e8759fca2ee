import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import { Boxes } from 'lucide-react';
import type { TreeInstance } from '@dmc/shared/api';
import type { NodeChange } from '../hooks/use-tree-live-updates';
import { nodeKey, shortMoName, toTreeRows } from '../lib/tree-model';
import { TreeNodeRow } from './tree-node-row';

type TreeInstanceCardProps = { instance: TreeInstance; changes: ReadonlyMap<string, NodeChange> };

/** One MO instance: MOID and MIID on top, its nodes below as an indented list. */
export function TreeInstanceCard({ instance, changes }: TreeInstanceCardProps) {
  const rows = toTreeRows(instance);
  const title = `${shortMoName(instance.moid)} / ${instance.miid}`;
  return (
    <Paper withBorder radius="md" component="section" aria-label={title} data-testid="tree-instance">
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Boxes size={18} aria-hidden opacity={0.7} />
          <Text fw={600}>{shortMoName(instance.moid)}</Text>
          <Badge variant="outline" size="sm" radius="sm" tt="none" ff="monospace">
            MIID {instance.miid}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" ff="monospace" truncate>
          {instance.moid}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table layout="fixed" verticalSpacing={6} highlightOnHover>
          <colgroup>
            <col style={{ width: '22%' }} />
            <col style={{ width: '24%' }} />
            <col style={{ width: 80 }} />
            <col style={{ width: 90 }} />
            <col />
            <col style={{ width: 110 }} />
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Node</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Format</Table.Th>
              <Table.Th>Access</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Reported</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <TreeNodeRow
                key={row.node.path}
                row={row}
                change={changes.get(nodeKey(instance.moid, instance.miid, row.node.path))}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
