import { apiRoutes } from '@dmc/shared/api';
import { withQuery } from '../../../lib/api-client';
import type { DeviceListParams } from './device-keys';

/** URL of the CSV export of the current list: the browser downloads it with the session cookie. */
export function exportDevicesUrl(params: DeviceListParams): string {
  return withQuery(apiRoutes.devicesExport, { ...params });
}
