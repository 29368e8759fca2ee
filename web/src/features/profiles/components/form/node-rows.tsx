import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { Plus, Trash2 } from 'lucide-react';
import { MAX_PROFILE_EXECS, MAX_PROFILE_NODES } from '@dmc/shared/api';
import type { ExecDraft, NodeDraft } from '../../lib/profile-draft';

type ErrorOf = (field: string) => string | undefined;

type RowsProps<T> = {
  rows: readonly T[];
  onChange: (rows: T[]) => void;
  errorOf: ErrorOf;
};

/** The nodes a profile holds: one ClientURI and value per row, added and removed in place. */
export function NodeRows({ rows, onChange, errorOf }: RowsProps<NodeDraft>) {
  const set = (i: number, patch: Partial<NodeDraft>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <Stack gap="xs" data-testid="node-rows">
      {rows.map((row, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="node-row">
          <TextInput
            label={`Node ${i + 1} ClientURI`}
            placeholder="urn:oma:mo:oma-fumo:1.0/fw/Download/PkgURL"
            ff="monospace"
            style={{ flex: 3 }}
            value={row.uri}
            onChange={(e) => set(i, { uri: e.currentTarget.value })}
            error={errorOf(`nodes.${i}.uri`) ?? errorOf(`nodes.${i}`)}
          />
          <TextInput
            label={`Node ${i + 1} value`}
            style={{ flex: 2 }}
            value={row.value}
            onChange={(e) => set(i, { value: e.currentTarget.value })}
            error={errorOf(`nodes.${i}.value`)}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={26}
            size="lg"
            aria-label={`Remove node ${i + 1}`}
            disabled={rows.length === 1}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <Trash2 size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {errorOf('nodes') && (
        <Text size="sm" c="red" role="alert">
          {errorOf('nodes')}
        </Text>
      )}
      <Button
        variant="subtle"
        w="fit-content"
        leftSection={<Plus size={16} aria-hidden />}
        disabled={rows.length >= MAX_PROFILE_NODES}
        onClick={() => onChange([...rows, { uri: '', value: '' }])}
      >
        Add node
      </Button>
    </Stack>
  );
}

/** EXECs run once per device after its nodes are verified: a ClientURI and optional data per row. */
export function ExecRows({ rows, onChange, errorOf }: RowsProps<ExecDraft>) {
  const set = (i: number, patch: Partial<ExecDraft>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <Stack gap="xs" data-testid="exec-rows">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No EXEC: the profile only holds node values.
        </Text>
      )}
      {rows.map((row, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="exec-row">
          <TextInput
            label={`EXEC ${i + 1} ClientURI`}
            placeholder="urn:oma:mo:oma-dcmo:1.0/Camera/Operations/Enable"
            ff="monospace"
            style={{ flex: 3 }}
            value={row.uri}
            onChange={(e) => set(i, { uri: e.currentTarget.value })}
            error={errorOf(`execs.${i}.uri`) ?? errorOf(`execs.${i}`)}
          />
          <TextInput
            label={`EXEC ${i + 1} data`}
            placeholder="optional"
            style={{ flex: 2 }}
            value={row.data}
            onChange={(e) => set(i, { data: e.currentTarget.value })}
            error={errorOf(`execs.${i}.data`)}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={26}
            size="lg"
            aria-label={`Remove EXEC ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <Trash2 size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {errorOf('execs') && (
        <Text size="sm" c="red" role="alert">
          {errorOf('execs')}
        </Text>
      )}
      <Button
        variant="subtle"
        w="fit-content"
        leftSection={<Plus size={16} aria-hidden />}
        disabled={rows.length >= MAX_PROFILE_EXECS}
        onClick={() => onChange([...rows, { uri: '', data: '' }])}
      >
        Add EXEC
      </Button>
    </Stack>
  );
}
