import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/ui/page-header';
import { useCommandListParams } from '../hooks/use-command-list-params';
import { CommandFilters } from './command-filters';
import { FleetCommandList } from './fleet-command-list';

/** Every device's commands: filters in the URL, live states, cancel and retry for users who may. */
export function CommandsPage() {
  const { params, update } = useCommandListParams();
  return (
    <Stack gap={0}>
      <PageHeader
        title="Commands"
        description="Commands queued for every device, newest first, as they change."
      />
      <CommandFilters params={params} onChange={update} />
      <FleetCommandList params={params} />
    </Stack>
  );
}
