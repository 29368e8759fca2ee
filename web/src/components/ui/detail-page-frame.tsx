import { Anchor, Breadcrumbs, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../../lib/api-error';
import { ErrorState } from './error-state';

type DetailPageFrameProps<T extends { name: string }> = {
  /** The list the breadcrumbs lead back to. */
  parent: { label: string; to: string };
  /** The id from the address, in the breadcrumbs until the record has loaded. */
  id: string;
  /**
   * What the record is, lower case: "campaign" titles the errors "No such campaign" and
   * "Could not load the campaign".
   */
  noun: string;
  /** The record's query. */
  query: { data: T | undefined; error: ApiError | null; isPending: boolean };
  /** Shown next to the record's name. */
  badge: (record: T) => ReactNode;
  /** At the end of the title row. */
  actions: (record: T) => ReactNode;
  /** The page below the title row. */
  children: (record: T) => ReactNode;
};

/**
 * The frame of one record's page: breadcrumbs, then the loading or the error state, or the record's
 * name with its badge and actions above the rest of the page.
 */
export function DetailPageFrame<T extends { name: string }>({
  parent,
  id,
  noun,
  query: { data: record, error, isPending },
  badge,
  actions,
  children,
}: DetailPageFrameProps<T>) {
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to={parent.to} size="sm">
          {parent.label}
        </Anchor>
        <Text size="sm" c="dimmed">
          {record?.name ?? id}
        </Text>
      </Breadcrumbs>
      {isPending ? (
        <Skeleton height={220} radius="md" />
      ) : error ? (
        <ErrorState
          error={error}
          title={error.status === 404 ? `No such ${noun}` : `Could not load the ${noun}`}
        />
      ) : record === undefined ? null : (
        <>
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Group gap="sm">
              <Title order={2} fz="h3" fw={600}>
                {record.name}
              </Title>
              {badge(record)}
            </Group>
            {actions(record)}
          </Group>
          {children(record)}
        </>
      )}
    </Stack>
  );
}
