import { Anchor, Button, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { Link } from 'react-router';
import type { Profile } from '@dmc/shared/api';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { PageHeader } from '../../../components/ui/page-header';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { profileListQueryOptions } from '../../../lib/queries/profiles';
import { profilePath } from '../lib/profile-labels';
import { ConflictsBadge, EnabledBadge } from './profile-badges';
import { ProfileCompliance } from './profile-compliance';

function ProfileRow({ profile }: { profile: Profile }) {
  const nodes = profile.nodes.length;
  return (
    <Table.Tr data-testid="profile-row" data-id={profile.id} data-name={profile.name}>
      <Table.Td>
        <Anchor component={Link} to={profilePath(profile.id)} size="sm" fw={500}>
          {profile.name}
        </Anchor>
        <Text size="xs" c="dimmed" truncate maw={280} ff="monospace">
          {profile.query === '' ? 'every device' : profile.query}
        </Text>
      </Table.Td>
      <Table.Td miw={280}>
        <ProfileCompliance counts={profile.counts} compact />
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="profile-priority">
          {profile.priority}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {nodes} {nodes === 1 ? 'node' : 'nodes'}
          {profile.execs.length > 0 && `, ${profile.execs.length} exec`}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <EnabledBadge enabled={profile.enabled} />
          <ConflictsBadge names={profile.conflicts.map((c) => c.profileName)} />
        </Stack>
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={profile.updatedAt} size="sm" />
      </Table.Td>
    </Table.Tr>
  );
}

/** Profiles (protocol §14): what every matching device should hold, with its compliance live. */
export function ProfilesPage() {
  const canOperate = useCanOperate();
  const { data, error, isPending } = useQuery(profileListQueryOptions());
  return (
    <Stack gap="md">
      <PageHeader
        title="Profiles"
        description="Node values every device that matches a query must hold; the server writes them at each session and keeps them there."
        actions={
          canOperate && (
            <Button component={Link} to="/profiles/new" leftSection={<Plus size={16} aria-hidden />}>
              New profile
            </Button>
          )
        }
      />
      {isPending ? (
        <Skeleton height={200} radius="md" />
      ) : error ? (
        <ErrorState error={error} title="Could not load profiles" />
      ) : data.items.length === 0 ? (
        <EmptyState>
          No profiles yet.{' '}
          {canOperate
            ? 'Create one to keep a node at a value on every device a query matches.'
            : 'Operators and admins create them.'}
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900} type="native">
            <Table verticalSpacing="sm" aria-label="Profiles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Profile</Table.Th>
                  <Table.Th>Compliance</Table.Th>
                  <Table.Th w={80}>Priority</Table.Th>
                  <Table.Th w={120}>Holds</Table.Th>
                  <Table.Th w={130}>State</Table.Th>
                  <Table.Th w={120}>Changed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((profile) => (
                  <ProfileRow key={profile.id} profile={profile} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
