import { Anchor, Code, Paper, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import type { Artifact } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { getArtifactsQueryOptions } from '../../../lib/queries/artifacts';
import { useDeleteArtifact } from '../api/delete-artifact';
import { EmptyState } from '../../../components/ui/empty-state';
import { describeCompatibility } from '../lib/compatibility';
import { ActionButton } from '../../../components/ui/action-button';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function DeleteButton({ artifact }: { artifact: Artifact }) {
  const remove = useDeleteArtifact();
  return (
    <ActionButton
      size="compact-xs"
      variant="subtle"
      color="red"
      aria-label={`Delete ${artifact.name} ${artifact.version}`}
      loading={remove.isPending}
      onClick={() =>
        remove.mutate(artifact.id, {
          onError: (error) =>
            notifications.show({
              color: 'red',
              autoClose: 10_000,
              title: error.status === 409 ? 'Still in use' : 'Could not delete',
              message:
                error.status === 409
                  ? `${artifact.name} ${artifact.version} is used by an update that is not finished: ${error.message}`
                  : error.message,
            }),
        })
      }
    >
      Delete
    </ActionButton>
  );
}

/** Stored firmware and software packages, newest first. */
export function ArtifactTable({ canOperate }: { canOperate: boolean }) {
  const { data, error, isPending } = useQuery(getArtifactsQueryOptions());
  if (isPending) return <Skeleton height={160} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load artifacts" />;
  if (data.items.length === 0) {
    return (
      <EmptyState>
        No artifacts yet. Upload a firmware or software package to update devices with it.
      </EmptyState>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={960} type="native">
        <Table highlightOnHover verticalSpacing="xs" aria-label="Artifacts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>For</Table.Th>
              <Table.Th>Fits</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>SHA-256</Table.Th>
              <Table.Th>Uploaded</Table.Th>
              {canOperate && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((a) => (
              <Table.Tr key={a.id} data-testid="artifact-row">
                <Table.Td>
                  <Anchor href={a.url} size="sm" fw={600} download>
                    {a.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {a.version}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" c="dimmed">
                    {a.moid ?? 'any'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" {...(a.compatible ? {} : { c: 'dimmed' })}>
                    {describeCompatibility(a.compatible)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatSize(a.size)}</Text>
                </Table.Td>
                <Table.Td>
                  <Code fz="xs" title={a.sha256}>
                    {a.sha256.slice(0, 12)}…
                  </Code>
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={a.createdAt} size="sm" />
                </Table.Td>
                {canOperate && (
                  <Table.Td>
                    <DeleteButton artifact={a} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
