import { Alert, Badge, Group, Stack } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { SavedView } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { PageHeader } from '../../../components/ui/page-header';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { deviceListQueryOptions } from '../../../lib/queries/devices';
import { BulkActionBar } from '../../campaigns/components/bulk/bulk-action-bar';
import { useDeviceListParams } from '../hooks/use-device-list-params';
import { useDeviceTableSelection } from '../hooks/use-device-selection';
import { DEFAULT_COLUMNS } from '../lib/device-columns';
import { ColumnChooser } from './column-chooser';
import { DeviceSearch } from './device-filters';
import { DeviceTable } from './device-table';
import { DevicesEmptyState } from './devices-empty-state';
import { ExportButton } from './export-button';
import { QueryBar } from './query-bar';
import { ViewsMenu } from './views/views-menu';

const COUNT = new Intl.NumberFormat();

export function DevicesPage() {
  const { params, columns, update, toggleSort } = useDeviceListParams();
  const query = useInfiniteQuery(deviceListQueryOptions(params));
  const { fetchNextPage } = query;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  // A query with an error selects nothing yet: no count and no list that would look filtered by it.
  const [queryError, setQueryError] = useState<string | null>(null);
  const devices = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = queryError === null ? query.data?.pages[0]?.total : undefined;
  const isFiltered = params.q !== '' || params.query !== '';
  const canOperate = useCanOperate();
  const loadedIds = useMemo(() => devices.map((d) => d.devId), [devices]);
  const picked = useDeviceTableSelection(params, loadedIds);
  const hasMore = total !== undefined && total > loadedIds.length;
  const canSelectAll = !picked.allMatching && picked.selection.loaded === 'all' && hasMore;
  // A saved view replaces the query, sort and columns (and clears the free-text search).
  const applyView = useCallback(
    (view: SavedView) =>
      update({
        q: '',
        query: view.query,
        sort: view.sort ?? 'devId',
        order: view.order ?? 'asc',
        columns: view.columns ?? [...DEFAULT_COLUMNS],
      }),
    [update],
  );

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
        actions={
          <Group gap="xs">
            <ViewsMenu
              current={{ query: params.query, sort: params.sort, order: params.order, columns }}
              onApply={applyView}
            />
            <ColumnChooser columns={columns} onChange={(next) => update({ columns: next })} />
            <ExportButton params={params} disabled={total === 0} />
          </Group>
        }
      />
      <Group mb="md" gap="sm" align="flex-start">
        {/* Keyed on the applied values: Back/Forward put the URL's text back into the boxes. */}
        <QueryBar
          key={`query:${params.query}`}
          value={params.query}
          onApply={(next) => update({ query: next })}
          onErrorChange={setQueryError}
        />
        <DeviceSearch key={`q:${params.q}`} value={params.q} onChange={(q) => update({ q })} />
      </Group>
      {canOperate && (picked.allMatching || picked.count > 0) && (
        <BulkActionBar
          target={picked.allMatching ? { query: params.query } : { devIds: [...picked.ids] }}
          count={picked.allMatching ? (total ?? 0) : picked.count}
          onSelectAllMatching={canSelectAll && params.q === '' ? picked.selectAllMatching : undefined}
          selectAllHint={
            canSelectAll && params.q !== ''
              ? 'Clear the search box to select every device the fleet query matches.'
              : undefined
          }
          onClear={picked.clear}
        />
      )}
      {queryError !== null ? (
        <Alert color="red" variant="light" title="The fleet query has an error" data-testid="query-invalid">
          No devices are listed until it is fixed or cleared ({queryError}).
        </Alert>
      ) : query.isError && !query.data ? (
        <ErrorState error={query.error} title="Could not load devices" />
      ) : total === 0 ? (
        <DevicesEmptyState isFiltered={isFiltered} />
      ) : (
        <DeviceTable
          devices={devices}
          params={params}
          columns={columns}
          onSort={toggleSort}
          isLoading={query.isPending}
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          fetchNextPage={loadMore}
          selection={canOperate ? picked.selection : undefined}
        />
      )}
    </Stack>
  );
}
