import { Anchor, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { NodeHistoryEntry } from '@dmc/shared/api';
import { Link } from 'react-router';
import { nodeHistoryQueryOptions } from '../../../../lib/queries/tree-history';
import { formatTime } from '../../lib/local-time';

function shown(value: string | null): string {
  return value === null ? '—' : value === '' ? '(empty)' : value;
}

function Change({ entry }: { entry: NodeHistoryEntry }) {
  if (entry.op === 'add') return <>added: {shown(entry.value)}</>;
  if (entry.op === 'delete') return <>deleted (was {shown(entry.oldValue)})</>;
  return (
    <>
      <Text component="s" c="dimmed" ff="monospace" size="sm">
        {shown(entry.oldValue)}
      </Text>{' '}
      →{' '}
      <Text component="span" ff="monospace" fw={600} size="sm">
        {shown(entry.value)}
      </Text>
      {entry.format !== entry.oldFormat && ` (format ${entry.oldFormat ?? '—'} → ${entry.format ?? '—'})`}
    </>
  );
}

function Cause({ devId, entry }: { devId: string; entry: NodeHistoryEntry }) {
  const by =
    entry.source === 'upload' ? 'upload' : entry.sessionId ? `session ${entry.sessionId.slice(0, 8)}` : null;
  return (
    <Group gap={6}>
      {by && (
        <Text size="xs" c="dimmed" title={entry.sessionId ?? undefined}>
          {by}
        </Text>
      )}
      {entry.commandId && (
        <Anchor
          component={Link}
          size="xs"
          to={`/devices/${encodeURIComponent(devId)}?tab=commands#command-${entry.commandId}`}
          aria-label={`Command ${entry.commandId}`}
          title={entry.commandId}
        >
          command {entry.commandId.slice(0, 8)}
        </Anchor>
      )}
    </Group>
  );
}

/** A node's values over time, newest first, with the session and command that set each (ux). */
export function NodeHistory({ devId, uri }: { devId: string; uri: string }) {
  const { data, isPending, error } = useQuery(nodeHistoryQueryOptions(devId, uri));
  return (
    <Stack gap={4} component="section" aria-label="Node history">
      <Title order={4} size="h6">
        History
      </Title>
      {isPending && <Skeleton height={40} />}
      {error && (
        <Text size="sm" c="red">
          Could not load the history: {error.message}
        </Text>
      )}
      {data && data.entries.length === 0 && (
        <Text size="sm" c="dimmed">
          No recorded changes.
        </Text>
      )}
      {data && data.entries.length > 0 && (
        <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.entries.map((entry) => (
            <li key={`${entry.at}-${entry.op}-${entry.value ?? ''}`} data-testid="node-history-entry">
              <Text size="xs" c="dimmed">
                {formatTime(entry.at)}
              </Text>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                <Change entry={entry} />
              </Text>
              <Cause devId={devId} entry={entry} />
            </li>
          ))}
        </Stack>
      )}
      {data?.nextCursor && (
        <Text size="xs" c="dimmed">
          Showing the newest {data.entries.length} changes.
        </Text>
      )}
    </Stack>
  );
}
