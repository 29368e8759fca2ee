import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { deviceSortFieldSchema, type DeviceSortField } from '@dmc/shared/api';
import type { DeviceListParams, SortOrder } from '../api/device-keys';

/** The device list state, read from and written to the URL so views can be shared. */
export function useDeviceListParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<DeviceListParams>(() => {
    const sort = deviceSortFieldSchema.safeParse(searchParams.get('sort'));
    return {
      q: searchParams.get('q') ?? '',
      label: searchParams.get('label') ?? '',
      sort: sort.success ? sort.data : 'devId',
      order: searchParams.get('order') === 'desc' ? 'desc' : 'asc',
    };
  }, [searchParams]);

  const update = useCallback(
    (patch: Partial<DeviceListParams>) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
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

  return { params, update, toggleSort };
}
