import { Anchor, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { PageHeader } from '../../../components/ui/page-header';
import { auditExportUrl, auditPageQueryOptions, type AuditFilters } from '../../../lib/queries/audit';
import { AuditFiltersForm } from './audit-filters';
import { AuditVerify } from './audit-verify';

/** Admin → Audit (profile §10): who changed what, filtered, paged, verified and exported. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  // The cursors of the pages seen so far: the last one is the page shown (undefined: the newest).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const { data, error, isPending } = useQuery(auditPageQueryOptions(filters, cursor));

  function apply(next: AuditFilters) {
    setFilters(next);
    setCursors([undefined]);
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Audit"
        description="Every change made through the API or console, hash-chained so edits in storage show."
        actions={
          <Anchor href={auditExportUrl(filters)} download>
            Export CSV
          </Anchor>
        }
      />
      <AuditFiltersForm onApply={apply} />
      <AuditVerify />
      {isPending ? (
        <Skeleton height={200} radius="md" />
      ) : error ? (
        <ErrorState error={error} title="Could not load the audit log" />
      ) : data.items.length === 0 ? (
        <EmptyState>No entries match.</EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900} type="native">
            <Table verticalSpacing="xs" aria-label="Audit log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>#</Table.Th>
                  <Table.Th w={190}>Time</Table.Th>
                  <Table.Th>Actor</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Target</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Client</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((entry) => (
                  <Table.Tr key={entry.seq} data-testid="audit-row">
                    <Table.Td>{entry.seq}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{new Date(entry.at).toLocaleString()}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {entry.actor || '—'}
                        {entry.role && (
                          <Text span size="xs" c="dimmed">
                            {` (${entry.role})`}
                          </Text>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {entry.action}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-all' }}>
                        {entry.target}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={entry.outcome === 'ok' ? 'green' : 'red'}>
                        {entry.outcome}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {entry.client}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Group justify="flex-end" gap="sm">
        <Button
          variant="default"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((seen) => seen.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          variant="default"
          disabled={!data?.nextCursor}
          onClick={() => {
            const next = data?.nextCursor;
            if (next) setCursors((seen) => [...seen, next]);
          }}
        >
          Older
        </Button>
      </Group>
    </Stack>
  );
}
