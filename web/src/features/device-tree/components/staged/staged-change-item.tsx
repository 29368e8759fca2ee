import { ActionIcon, Badge, Group, List, Loader, Paper, Stack, Text } from '@mantine/core';
import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import { dryRunQueryOptions } from '../../../../lib/queries/device-tree';
import type { StagedChange } from '../../lib/staged-change';

const KIND_LABEL = { edit: 'Edit', add: 'Add', delete: 'Delete' } as const;
const KIND_COLOR = { edit: 'blue', add: 'green', delete: 'red' } as const;

type StagedChangeItemProps = { devId: string; change: StagedChange; onRemove: () => void };

/** One staged change, checked with the dry run: valid, or the reasons it would fail. */
export function StagedChangeItem({ devId, change, onRemove }: StagedChangeItemProps) {
  const check = useQuery(dryRunQueryOptions(devId, change.input));
  const name = change.path === '' ? change.clientUri : change.path;
  const verdict = check.data ? (check.data.ok ? 'valid' : 'invalid') : check.isError ? 'error' : 'checking';
  return (
    <Paper
      component="section"
      withBorder
      radius="sm"
      p="sm"
      data-testid="staged-change"
      data-verdict={verdict}
      aria-label={`${KIND_LABEL[change.kind]} ${name}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Badge size="sm" color={KIND_COLOR[change.kind]} variant="light">
              {KIND_LABEL[change.kind]}
            </Badge>
            <Text size="sm" ff="monospace" truncate title={change.clientUri}>
              {name}
            </Text>
          </Group>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Remove ${KIND_LABEL[change.kind].toLowerCase()} of ${name}`}
            onClick={onRemove}
          >
            <X size={14} />
          </ActionIcon>
        </Group>
        {change.kind === 'edit' && (
          <Text size="xs" ff="monospace">
            <Text component="s" c="dimmed" inherit>
              {change.oldValue ?? '—'}
            </Text>{' '}
            → <b>{change.newValue}</b>
          </Text>
        )}
        {verdict === 'checking' && (
          <Group gap={6}>
            <Loader size={12} />
            <Text size="xs" c="dimmed">
              Checking against the meta-data…
            </Text>
          </Group>
        )}
        {verdict === 'valid' && (
          <Group gap={6} c="green">
            <CircleCheck size={14} aria-hidden />
            <Text size="xs">Would be accepted</Text>
          </Group>
        )}
        {verdict === 'error' && (
          <Text size="xs" c="red">
            Could not check: {check.error?.message}
          </Text>
        )}
        {check.data && !check.data.ok && (
          <Stack gap={2} c="red" data-testid="dry-run-reasons">
            <Group gap={6}>
              <CircleAlert size={14} aria-hidden />
              <Text size="xs" fw={600}>
                Would fail because
              </Text>
            </Group>
            <List size="xs" spacing={2} withPadding>
              {check.data.problems.map((p) => (
                <List.Item key={`${p.code}:${p.message}`}>
                  {p.message}{' '}
                  <Text component="span" size="xs" c="dimmed" ff="monospace">
                    ({p.code})
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
