import { apiRoutes } from '@dmc/shared/api';
import { withQuery } from '../../../lib/api-client';
import type { DeviceListParams } from '../../../lib/queries/devices';

/** URL of the CSV export of the current list: the browser downloads it with the session cookie. */
export function exportDevicesUrl(params: DeviceListParams): string {
  return withQuery(apiRoutes.devicesExport, { ...params });
}
