import { useState } from 'react';
import { Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TreeChange } from '@dmc/shared/api';
import { ErrorState } from '../../../../components/ui/error-state';
import { treeDiffQueryOptions, type TreeDiffParams } from '../../../../lib/queries/tree-history';
import { fromLocalInput, toLocalInput } from '../../lib/local-time';

type Mode = 'times' | 'device';

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'blue' } as const;

function shown(value: string | null): string {
  return value === null ? '—' : value === '' ? '(empty)' : value;
}

function ChangeRow({ change }: { change: TreeChange }) {
  return (
    <Table.Tr data-testid="diff-row">
      <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
        {change.path}
      </Table.Td>
      <Table.Td>
        <Badge size="xs" variant="light" color={KIND_COLOR[change.kind]}>
          {change.kind}
        </Badge>
      </Table.Td>
      <Table.Td ff="monospace" fz="sm" style={{ wordBreak: 'break-all' }}>
        <Text component="s" c="dimmed" size="sm" ff="monospace">
          {shown(change.before)}
        </Text>{' '}
        →{' '}
        <Text component="span" fw={600} size="sm" ff="monospace">
          {shown(change.after)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function DiffResult({ devId, params }: { devId: string; params: TreeDiffParams }) {
  const { data, error, isPending } = useQuery(treeDiffQueryOptions(devId, params));
  if (isPending) return <Text size="sm">Comparing…</Text>;
  if (error) return <ErrorState error={error} title="Could not compare" />;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {data.changes.length === 0
          ? 'No differences.'
          : `${data.changes.length}${data.nextCursor ? '+' : ''} changed nodes, old → new.`}
        {data.complete ? '' : ' Part of the range is older than the kept history.'}
      </Text>
      {data.changes.length > 0 && (
        <Table aria-label="Changed nodes" striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Node</Table.Th>
              <Table.Th>Change</Table.Th>
              <Table.Th>Old → new</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.changes.map((c) => (
              <ChangeRow key={c.path} change={c} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Compare: the device's tree at two times, or against another device; changed nodes only (ux). */
export function CompareModal({
  devId,
  opened,
  onClose,
  initialFrom,
}: {
  devId: string;
  opened: boolean;
  onClose: () => void;
  initialFrom?: string | undefined;
}) {
  const [mode, setMode] = useState<Mode>('times');
  const [from, setFrom] = useState(initialFrom ? toLocalInput(initialFrom) : '');
  const [to, setTo] = useState('');
  const [other, setOther] = useState('');
  const [params, setParams] = useState<TreeDiffParams>();
  // The time the tree is shown as of, to the millisecond, while the input still shows it.
  const fromIso = initialFrom && from === toLocalInput(initialFrom) ? initialFrom : fromLocalInput(from);
  const toIso = fromLocalInput(to);
  const ready = mode === 'times' ? fromIso !== undefined : other.trim() !== '';

  const compare = () => {
    if (mode === 'device') setParams({ against: other.trim() });
    else if (fromIso) setParams(toIso ? { from: fromIso, to: toIso } : { from: fromIso });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Compare" size="xl">
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Compare with"
          value={mode}
          onChange={(v) => {
            setMode(v === 'device' ? 'device' : 'times');
            setParams(undefined);
          }}
          data={[
            { value: 'times', label: 'Two times' },
            { value: 'device', label: 'Another device' },
          ]}
        />
        {mode === 'times' ? (
          <Group grow>
            <TextInput
              type="datetime-local"
              step={1}
              label="From"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput
              type="datetime-local"
              step={1}
              label="To (empty: now)"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
            />
          </Group>
        ) : (
          <TextInput
            label="Other device (DevID)"
            placeholder="IMEI:…"
            value={other}
            onChange={(e) => setOther(e.currentTarget.value)}
          />
        )}
        <Group justify="flex-end">
          <Button onClick={compare} disabled={!ready}>
            Compare
          </Button>
        </Group>
        {params && <DiffResult devId={devId} params={params} />}
      </Stack>
    </Modal>
  );
}
