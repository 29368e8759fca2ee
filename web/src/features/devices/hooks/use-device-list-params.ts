import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { deviceSortFieldSchema, type DeviceSortField } from '@dmc/shared/api';
import type { DeviceListParams, SortOrder } from '../../../lib/queries/devices';
import { formatColumns, parseColumns, type DeviceColumnKey } from '../lib/device-columns';

export type DeviceListPatch = Partial<DeviceListParams> & { columns?: DeviceColumnKey[] };

/**
 * The device list state, read from and written to the URL so views can be shared. Every change is
 * a history entry, so the back button steps through earlier filters, sorts and column sets.
 */
export function useDeviceListParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<DeviceListParams>(() => {
    const sort = deviceSortFieldSchema.safeParse(searchParams.get('sort'));
    return {
      q: searchParams.get('q') ?? '',
      query: searchParams.get('query') ?? '',
      sort: sort.success ? sort.data : 'devId',
      order: searchParams.get('order') === 'desc' ? 'desc' : 'asc',
    };
  }, [searchParams]);
  const cols = searchParams.get('cols');
  const columns = useMemo(() => parseColumns(cols), [cols]);

  const update = useCallback(
    (patch: DeviceListPatch) => {
      setSearchParams((prev) => {
        const next = new URLSearchParams(prev);
        const { columns: nextColumns, ...rest } = patch;
        const values: Record<string, string | undefined> = { ...rest };
        if (nextColumns) values.cols = formatColumns(nextColumns);
        for (const [key, value] of Object.entries(values)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      });
    },
    [setSearchParams],
  );

  const toggleSort = useCallback(
    (field: DeviceSortField) => {
      const order: SortOrder = params.sort === field && params.order === 'asc' ? 'desc' : 'asc';
      update({ sort: field, order });
    },
    [params.sort, params.order, update],
  );

  return { params, columns, update, toggleSort };
}
