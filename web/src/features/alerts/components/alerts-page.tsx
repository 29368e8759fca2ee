import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/ui/page-header';
import { AlertList } from './alert-list';

export function AlertsPage() {
  return (
    <Stack gap={0}>
      <PageHeader
        title="Alerts"
        description="Generic alerts reported by devices, newest first, as they arrive."
      />
      <AlertList devId={null} />
    </Stack>
  );
}
