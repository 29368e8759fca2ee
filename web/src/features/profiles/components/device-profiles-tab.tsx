import { Anchor, Paper, Skeleton, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { deviceProfilesQueryOptions } from '../../../lib/queries/profiles';
import { profilePath } from '../lib/profile-labels';
import { StateDetails } from './node-progress';
import { ProfileStatusBadge } from './profile-badges';

/**
 * The profiles that apply to the device and its state in each: status, the one-line reason, every
 * node's progress (drift corrections included); 'profile:device-state' keeps it live.
 */
export function DeviceProfilesTab({ devId }: { devId: string }) {
  const { data, error, isPending } = useQuery(deviceProfilesQueryOptions(devId));
  if (isPending) return <Skeleton height={120} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load the device's profiles" />;
  if (data.items.length === 0) {
    return <EmptyState>No profile applies to this device: no profile’s query matches it.</EmptyState>;
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing="xs" aria-label="Profiles of the device">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>Profile</Table.Th>
              <Table.Th w={110}>Status</Table.Th>
              <Table.Th>Reason and nodes</Table.Th>
              <Table.Th w={120}>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((state) => (
              <Table.Tr
                key={state.profileId}
                data-testid="device-profile-row"
                data-profile={state.profileName}
              >
                <Table.Td>
                  <Anchor component={Link} to={profilePath(state.profileId)} size="sm" fw={500}>
                    {state.profileName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    revision {state.revision}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ProfileStatusBadge status={state.status} />
                </Table.Td>
                <Table.Td>
                  <StateDetails state={state} reasonTestId="device-profile-reason" />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={state.updatedAt} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
