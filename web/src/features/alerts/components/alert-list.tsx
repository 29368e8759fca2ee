import { Box, Button, Checkbox, Group, Paper, Skeleton, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ArrowUp, Check } from 'lucide-react';
import { useMemo, useState } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { useAcknowledgeAlerts } from '../api/acknowledge-alerts';
import { alertsQueryOptions, type AlertListParams } from '../../../lib/queries/alerts';
import { useFeedScroll } from '../hooks/use-feed-scroll';
import { AlertRow } from './alert-row';
import { EmptyState } from '../../../components/ui/empty-state';
import { ActionButton } from '../../../components/ui/action-button';

type AlertListProps = {
  /** The fleet feed when null. */
  devId: string | null;
  /** Filters beyond the device; every alert of `devId` when absent. */
  params?: AlertListParams;
  /** Show acknowledge controls (the API refuses read-only users anyway). */
  canAcknowledge?: boolean;
};

/** Recent alerts, newest first. New ones arrive live without moving what the reader is looking at. */
export function AlertList({ devId, params, canAcknowledge = false }: AlertListProps) {
  const listParams = params ?? { devId };
  const { data, error, isPending } = useQuery(alertsQueryOptions(listParams));
  const acknowledge = useAcknowledgeAlerts();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Rows received after the list was first shown slide in with a highlight.
  const [shownAt] = useState(() => Date.now());
  const items = useMemo(() => data?.items ?? [], [data]);
  const ids = useMemo(() => items.map((a) => a.id), [items]);
  const { containerRef, unseen, jumpToTop } = useFeedScroll(ids);
  const showDevice = listParams.devId === null;

  const openIds = items.filter((a) => a.acknowledgedAt === null && !a.sessionStart).map((a) => a.id);
  const chosen = openIds.filter((id) => selected.has(id));
  const select = (id: string, isOn: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (isOn) next.add(id);
      else next.delete(id);
      return next;
    });
  const acknowledgeIds = (targets: string[]) =>
    acknowledge.mutate(targets, { onSuccess: () => setSelected(new Set()) });

  if (isPending) return <Skeleton height={200} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load alerts" />;

  return (
    <Box ref={containerRef} pos="relative" style={{ overflowAnchor: 'none' }}>
      {unseen > 0 && (
        <Group justify="center" pos="sticky" top={8} style={{ zIndex: 3, height: 0, overflow: 'visible' }}>
          <Button
            size="xs"
            radius="xl"
            leftSection={<ArrowUp size={14} aria-hidden />}
            onClick={jumpToTop}
            style={{ boxShadow: 'var(--mantine-shadow-md)' }}
          >
            {unseen === 1 ? '1 new alert' : `${unseen} new alerts`}
          </Button>
        </Group>
      )}
      {canAcknowledge && chosen.length > 0 && (
        <Group mb="sm" gap="sm">
          <ActionButton
            size="xs"
            color="teal"
            leftSection={<Check size={14} aria-hidden />}
            loading={acknowledge.isPending}
            onClick={() => acknowledgeIds(chosen)}
          >
            Acknowledge {chosen.length} selected
          </ActionButton>
          <Button size="xs" variant="subtle" color="gray" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </Group>
      )}
      {items.length === 0 ? (
        <EmptyState>
          {params
            ? 'No alerts match these filters. New ones appear here as they arrive.'
            : 'No alerts yet. Alerts that devices send appear here as they arrive.'}
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={980} type="native">
            <Table layout="fixed" highlightOnHover verticalSpacing="xs" aria-label="Alerts">
              <Table.Thead>
                <Table.Tr>
                  {canAcknowledge && (
                    <Table.Th w={44}>
                      <Checkbox
                        aria-label="Select all open alerts"
                        checked={openIds.length > 0 && chosen.length === openIds.length}
                        indeterminate={chosen.length > 0 && chosen.length < openIds.length}
                        disabled={openIds.length === 0}
                        onChange={(e) => setSelected(new Set(e.currentTarget.checked ? openIds : []))}
                      />
                    </Table.Th>
                  )}
                  <Table.Th w={120}>Mark</Table.Th>
                  <Table.Th w="16%">Alert type</Table.Th>
                  {showDevice && <Table.Th w="16%">Device</Table.Th>}
                  <Table.Th w="15%">Source</Table.Th>
                  <Table.Th>Data</Table.Th>
                  <Table.Th w={130}>Received</Table.Th>
                  <Table.Th w={150}>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((alert) => (
                  <AlertRow
                    key={alert.id}
                    alert={alert}
                    showDevice={showDevice}
                    canAcknowledge={canAcknowledge}
                    isSelected={selected.has(alert.id)}
                    isArrival={Date.parse(alert.receivedAt) > shownAt}
                    isBusy={acknowledge.isPending && acknowledge.variables.includes(alert.id)}
                    onSelect={select}
                    onAcknowledge={(id) => acknowledgeIds([id])}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Box>
  );
}
