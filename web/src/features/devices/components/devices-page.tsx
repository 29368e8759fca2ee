import { Badge, Group, Stack } from '@mantine/core';
import { useCallback } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { PageHeader } from '../../../components/ui/page-header';
import { useDevices } from '../api/get-devices';
import { useDeviceListParams } from '../hooks/use-device-list-params';
import { DeviceFilters } from './device-filters';
import { DeviceTable } from './device-table';
import { DevicesEmptyState } from './devices-empty-state';

const COUNT = new Intl.NumberFormat();

export function DevicesPage() {
  const { params, update, toggleSort } = useDeviceListParams();
  const query = useDevices(params);
  const { fetchNextPage } = query;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const devices = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;
  const isFiltered = params.q !== '' || params.label !== '';

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }}>
      <PageHeader
        title={
          <Group gap="sm">
            Devices
            {total !== undefined && (
              <Badge variant="light" size="lg" radius="sm" data-testid="device-total" tt="none">
                {COUNT.format(total)} {total === 1 ? 'device' : 'devices'}
              </Badge>
            )}
          </Group>
        }
        description="Every device that registered with this server, updated live."
      />
      <Group mb="md">
        <DeviceFilters params={params} onChange={update} />
      </Group>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} title="Could not load devices" />
      ) : total === 0 ? (
        <DevicesEmptyState isFiltered={isFiltered} />
      ) : (
        <DeviceTable
          devices={devices}
          params={params}
          onSort={toggleSort}
          isLoading={query.isPending}
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          fetchNextPage={loadMore}
        />
      )}
    </Stack>
  );
}
