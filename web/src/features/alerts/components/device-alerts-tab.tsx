import { Stack } from '@mantine/core';
import { useMe } from '../../auth/api/get-me';
import { useAlertFeedParams } from '../hooks/use-alert-feed-params';
import { AlertFilters } from './alert-filters';
import { AlertList } from './alert-list';

/** URL parameters of this tab start with it, apart from the device page's other parameters. */
const PREFIX = 'alert.';

/** A device's alerts: the Alerts page's filters and acknowledge, for this device only. */
export function DeviceAlertsTab({ devId }: { devId: string }) {
  const { data: user } = useMe();
  const { params, update } = useAlertFeedParams({ devId, prefix: PREFIX });
  return (
    <Stack gap={0}>
      <AlertFilters params={params} onChange={update} showDevice={false} />
      <AlertList
        devId={devId}
        params={params}
        canAcknowledge={user !== undefined && user.role !== 'support'}
      />
    </Stack>
  );
}
