import { Badge, Button, Paper, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import type { PageTemplate } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { getPageTemplatesQueryOptions } from '../../../lib/queries/page-templates';
import { useDeletePageTemplate } from '../api/delete-page-template';
import { EmptyState } from '../../../components/ui/empty-state';

function DeleteButton({ template }: { template: PageTemplate }) {
  const remove = useDeletePageTemplate();
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color="red"
      aria-label={`Delete ${template.name}`}
      loading={remove.isPending}
      onClick={() =>
        remove.mutate(template.id, {
          onError: (error) =>
            notifications.show({ color: 'red', title: 'Could not delete', message: error.message }),
        })
      }
    >
      Delete
    </Button>
  );
}

/** Stored page templates, by name. */
export function PageTemplateTable({ canOperate }: { canOperate: boolean }) {
  const { data, error, isPending } = useQuery(getPageTemplatesQueryOptions());
  if (isPending) return <Skeleton height={120} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load page templates" />;
  if (data.items.length === 0) {
    return (
      <EmptyState>No page templates yet. Store one to show it on devices from their Commands tab.</EmptyState>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={700} type="native">
        <Table highlightOnHover verticalSpacing="xs" aria-label="Page templates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Title and text</Table.Th>
              <Table.Th>Stored</Table.Th>
              {canOperate && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((t) => (
              <Table.Tr key={t.id} data-testid="page-template-row">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" radius="sm" size="sm">
                    {t.kind}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t.title}</Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {t.text}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={t.createdAt} size="sm" />
                </Table.Td>
                {canOperate && (
                  <Table.Td>
                    <DeleteButton template={t} />
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
