import { Anchor, Badge, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { Check, CheckCheck, ListTree } from 'lucide-react';
import { Link } from 'react-router';
import type { AlertRecord } from '@dmc/shared/api';
import { RelativeTime } from '../../../components/ui/relative-time';
import { nodePathOf, shortAlertType } from '../lib/alert-labels';
import { AlertMarkBadge } from '../../../components/ui/alert-mark-badge';
import { ActionButton } from '../../../components/ui/action-button';

const clip = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

export function deviceHref(devId: string): string {
  return `/devices/${encodeURIComponent(devId)}`;
}

function nodeHref(devId: string, path: string): string {
  return `${deviceHref(devId)}?${new URLSearchParams({ tab: 'tree', node: path }).toString()}`;
}

function dataSummary(alert: AlertRecord): string {
  return alert.data ? JSON.stringify(alert.data) : '';
}

type AlertRowProps = {
  alert: AlertRecord;
  showDevice: boolean;
  canAcknowledge: boolean;
  isSelected: boolean;
  isArrival: boolean;
  isBusy: boolean;
  onSelect: (id: string, selected: boolean) => void;
  onAcknowledge: (id: string) => void;
};

/** One alert: mark, type, device and node links, data, when, and whether someone acknowledged it. */
export function AlertRow(props: AlertRowProps) {
  const { alert, showDevice, canAcknowledge } = props;
  const node = nodePathOf(alert);
  // A session-start alert belongs to its session: never open, nothing to acknowledge (protocol §13).
  const isOpen = alert.acknowledgedAt === null && !alert.sessionStart;
  const state = alert.sessionStart ? 'session' : isOpen ? 'open' : 'acknowledged';
  return (
    <Table.Tr
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-row-id={alert.id}
      data-state={state}
      data-count={alert.count}
      className={props.isArrival ? 'dmc-flash' : undefined}
    >
      {canAcknowledge && (
        <Table.Td>
          <Checkbox
            aria-label={`Select alert ${alert.alertType} from ${alert.devId}`}
            checked={props.isSelected}
            disabled={!isOpen}
            onChange={(e) => props.onSelect(alert.id, e.currentTarget.checked)}
          />
        </Table.Td>
      )}
      <Table.Td>
        <AlertMarkBadge mark={alert.mark} />
      </Table.Td>
      <Table.Td style={clip}>
        <Group gap={6} wrap="nowrap">
          <Text component="span" size="sm" fw={500} title={alert.alertType} style={clip}>
            {shortAlertType(alert.alertType)}
          </Text>
          {alert.count > 1 && (
            <Badge
              size="sm"
              variant="light"
              color="gray"
              radius="sm"
              data-testid="alert-count"
              title={`${alert.count} identical alerts, coalesced`}
              style={{ flexShrink: 0 }}
            >
              ×{alert.count}
            </Badge>
          )}
        </Group>
      </Table.Td>
      {showDevice && (
        <Table.Td style={clip}>
          <Anchor component={Link} to={deviceHref(alert.devId)} size="sm" ff="monospace">
            {alert.devId}
          </Anchor>
        </Table.Td>
      )}
      <Table.Td style={clip}>
        {node ? (
          <Anchor
            component={Link}
            to={nodeHref(alert.devId, node)}
            size="sm"
            ff="monospace"
            title={`Open ${node} in the tree`}
          >
            <Group gap={4} wrap="nowrap" component="span">
              <ListTree size={14} aria-hidden />
              <span style={clip}>{node}</span>
            </Group>
          </Anchor>
        ) : (
          <Text component="span" size="sm" ff="monospace" c="dimmed" title={alert.sourceUri ?? undefined}>
            {alert.sourceUri ?? '—'}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={clip}>
        <Text component="span" size="sm" ff="monospace" c="dimmed" title={dataSummary(alert)}>
          {dataSummary(alert) || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        {alert.count > 1 ? (
          <Stack gap={0}>
            <Text component="span" size="sm" data-testid="alert-last-at">
              last <RelativeTime iso={alert.lastAt} size="sm" />
            </Text>
            <Text component="span" size="xs" c="dimmed" data-testid="alert-first-at">
              first <RelativeTime iso={alert.firstAt} size="xs" />
            </Text>
          </Stack>
        ) : (
          <RelativeTime iso={alert.receivedAt} size="sm" />
        )}
      </Table.Td>
      <Table.Td>
        {alert.sessionStart ? (
          <Text size="sm" c="dimmed" title="Opened a DM session; nothing to acknowledge">
            Session start
          </Text>
        ) : isOpen ? (
          canAcknowledge ? (
            <ActionButton
              size="compact-xs"
              variant="default"
              leftSection={<Check size={12} aria-hidden />}
              loading={props.isBusy}
              onClick={() => props.onAcknowledge(alert.id)}
            >
              Acknowledge
            </ActionButton>
          ) : (
            <Text size="sm" c="dimmed">
              Open
            </Text>
          )
        ) : (
          <Group
            gap={4}
            wrap="nowrap"
            c="teal"
            title={`Acknowledged by ${alert.acknowledgedBy ?? 'someone'}`}
          >
            <CheckCheck size={14} aria-hidden />
            <Text component="span" size="xs" c="dimmed" style={clip}>
              {alert.acknowledgedBy ?? 'acknowledged'}
            </Text>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
