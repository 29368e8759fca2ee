import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/ui/page-header';
import { useAlertFeedParams } from '../hooks/use-alert-feed-params';
import { AlertFilters } from './alert-filters';
import { AlertList } from './alert-list';

type AlertsPageProps = { canAcknowledge: boolean };

/** The fleet's alert feed: filters in the URL, acknowledge for users who may. */
export function AlertsPage({ canAcknowledge }: AlertsPageProps) {
  const { params, update } = useAlertFeedParams();
  return (
    <Stack gap={0}>
      <PageHeader title="Alerts" description="Alerts devices send, newest first, as they arrive." />
      <AlertFilters params={params} onChange={update} />
      <AlertList devId={params.devId} params={params} canAcknowledge={canAcknowledge} />
    </Stack>
  );
}
