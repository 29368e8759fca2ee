import { Anchor, Badge, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Profile } from '@dmc/shared/api';
import { DetailPageFrame } from '../../../components/ui/detail-page-frame';
import { Fact } from '../../../components/ui/fact';
import { RelativeTime } from '../../../components/ui/relative-time';
import { profileQueryOptions } from '../../../lib/queries/profiles';
import { profilePath } from '../lib/profile-labels';
import { ProfileActions } from './profile-actions';
import { EnabledBadge } from './profile-badges';
import { ProfileCompliance } from './profile-compliance';
import { ProfileDevices } from './profile-devices';

function ProfileFacts({ profile }: { profile: Profile }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="md">
        <ProfileCompliance counts={profile.counts} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <Fact label="Fleet query">
            <Text size="sm" ff="monospace" data-testid="profile-query">
              {profile.query === '' ? 'every device' : profile.query}
            </Text>
          </Fact>
          <Fact label="Priority">{profile.priority}</Fact>
          <Fact label="Drift retries">{profile.driftRetries} writes, then failed</Fact>
          <Fact label="Revision">{profile.revision}</Fact>
          <Fact label="Created">
            {profile.createdBy}, <RelativeTime iso={profile.createdAt} size="sm" />
          </Fact>
          <Fact label="Changed">
            <RelativeTime iso={profile.updatedAt} size="sm" />
          </Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function NodesTable({ profile }: { profile: Profile }) {
  return (
    <Paper withBorder radius="md" component="section" aria-label="Nodes">
      <Table.ScrollContainer minWidth={600} type="native">
        <Table verticalSpacing="xs" aria-label="Nodes the profile holds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Node (ClientURI)</Table.Th>
              <Table.Th>Value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {profile.nodes.map((node) => (
              <Table.Tr key={node.uri} data-testid="profile-node">
                <Table.Td>
                  <Code fz="xs">{node.uri}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {node.value === '' ? (
                      <Text span c="dimmed" size="sm">
                        (empty)
                      </Text>
                    ) : (
                      node.value
                    )}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
            {profile.execs.map((exec) => (
              <Table.Tr key={`exec:${exec.uri}`} data-testid="profile-exec">
                <Table.Td>
                  <Group gap="xs">
                    <Badge size="xs" variant="outline" tt="none">
                      EXEC once
                    </Badge>
                    <Code fz="xs">{exec.uri}</Code>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {exec.data ?? (
                      <Text span c="dimmed" size="sm">
                        no data
                      </Text>
                    )}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** Profiles that set one of these nodes to another value, which of the two wins, and why. */
function Conflicts({ profile }: { profile: Profile }) {
  if (profile.conflicts.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Conflicts">
      <Stack gap="xs">
        <Title order={3} fz="md" fw={600}>
          Conflicts
        </Title>
        <Text size="sm" c="dimmed">
          Another profile sets these nodes to other values. Where both apply to a device, the higher priority
          holds the node (on a tie, the older profile) and the other is conflicted there.
        </Text>
        {profile.conflicts.map((conflict) => (
          <Group
            key={`${conflict.profileId}:${conflict.uri}`}
            gap="xs"
            data-testid="profile-conflict"
            wrap="wrap"
          >
            <Badge color={conflict.wins ? 'teal' : 'orange'} variant="light" size="sm" tt="none">
              {conflict.wins ? 'this profile wins' : 'the other wins'}
            </Badge>
            <Code fz="xs">{conflict.uri}</Code>
            <Text size="sm">
              also set by{' '}
              <Anchor component={Link} to={profilePath(conflict.profileId)} size="sm" fw={500}>
                {conflict.profileName}
              </Anchor>
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** One profile: its query, nodes, conflicts and devices by state, live. */
export function ProfileDetailPage() {
  const id = useParams().id ?? '';
  const query = useQuery(profileQueryOptions(id));
  return (
    <DetailPageFrame
      parent={{ label: 'Profiles', to: '/profiles' }}
      id={id}
      noun="profile"
      query={query}
      badge={(profile) => <EnabledBadge enabled={profile.enabled} />}
      actions={(profile) => <ProfileActions profile={profile} />}
    >
      {(profile) => (
        <>
          <ProfileFacts profile={profile} />
          <NodesTable profile={profile} />
          <Conflicts profile={profile} />
          <ProfileDevices profileId={profile.id} counts={profile.counts} />
        </>
      )}
    </DetailPageFrame>
  );
}
