import { Anchor, Button, Group, Paper, Skeleton, Stack, Table, Tabs, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { profileStatusSchema, type ProfileCounts, type ProfileStatus } from '@dmc/shared/api';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { profileDevicesQueryOptions } from '../../../lib/queries/profiles';
import { PROFILE_STATUS_ORDER } from '../lib/profile-labels';
import { StateDetails } from './node-progress';
import { ProfileStatusBadge } from './profile-badges';

const COUNT = new Intl.NumberFormat();
const ALL = 'all';

/**
 * The profile's devices by state (a tab per state, kept in the URL as `devices`), each with its
 * reason and per-node progress, keyset-paged: "Load more" reads the next DevIDs.
 */
export function ProfileDevices({ profileId, counts }: { profileId: string; counts: ProfileCounts }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const parsed = profileStatusSchema.safeParse(searchParams.get('devices'));
  const status: ProfileStatus | undefined = parsed.success ? parsed.data : undefined;
  const query = useInfiniteQuery(profileDevicesQueryOptions(profileId, status));
  const devices = query.data?.pages.flatMap((page) => page.devices) ?? [];
  const total = PROFILE_STATUS_ORDER.reduce((sum, s) => sum + counts[s], 0);

  return (
    <Stack gap="sm" component="section" aria-label="Devices of the profile">
      <Title order={3} fz="md" fw={600}>
        Devices
      </Title>
      <Tabs
        value={status ?? ALL}
        onChange={(value) =>
          setSearchParams(
            (prev) => {
              const params = new URLSearchParams(prev);
              if (value && value !== ALL) params.set('devices', value);
              else params.delete('devices');
              return params;
            },
            { replace: true },
          )
        }
      >
        <Tabs.List>
          <Tabs.Tab value={ALL}>All ({COUNT.format(total)})</Tabs.Tab>
          {PROFILE_STATUS_ORDER.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {s} ({COUNT.format(counts[s])})
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {query.isPending ? (
        <Skeleton height={160} radius="md" />
      ) : query.error ? (
        <ErrorState error={query.error} title="Could not load the profile's devices" />
      ) : devices.length === 0 ? (
        <EmptyState>
          {status ? `No device is ${status}.` : 'No device matches the profile’s query yet.'}
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820} type="native">
            <Table verticalSpacing="xs" aria-label="Profile devices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={220}>DevID</Table.Th>
                  <Table.Th w={110}>Status</Table.Th>
                  <Table.Th>Reason and nodes</Table.Th>
                  <Table.Th w={120}>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {devices.map((row) => (
                  <Table.Tr key={row.devId} data-testid="profile-device-row" data-devid={row.devId}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/devices/${encodeURIComponent(row.devId)}?tab=profiles`}
                        size="sm"
                        ff="monospace"
                      >
                        {row.devId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ProfileStatusBadge status={row.status} />
                    </Table.Td>
                    <Table.Td>
                      <StateDetails state={row} reasonTestId="profile-device-reason" />
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime iso={row.updatedAt} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {query.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
