import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CampaignDevice } from '@dmc/shared/api';

export const devicePath = (devId: string, tab?: string) =>
  `/devices/${encodeURIComponent(devId)}${tab ? `?tab=${tab}` : ''}`;

export function DeviceLink({ devId }: { devId: string }) {
  return (
    <Anchor component={Link} to={devicePath(devId)} ff="monospace" size="sm" fw={500}>
      {devId}
    </Anchor>
  );
}

/** The command or operation that carried the action on the device, linked to where the device shows it. */
export function WorkLink({ row }: { row: Pick<CampaignDevice, 'devId' | 'commandId' | 'operationId'> }) {
  if (row.operationId) {
    return (
      <Anchor component={Link} to={devicePath(row.devId, 'updates')} size="sm" title={row.operationId}>
        operation
      </Anchor>
    );
  }
  if (row.commandId) {
    return (
      <Anchor component={Link} to={devicePath(row.devId, 'commands')} size="sm" title={row.commandId}>
        command
      </Anchor>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}

/** Reason, DM status and the reason in words, as far as the row has them. */
export function ReasonText({ row }: { row: Pick<CampaignDevice, 'reason' | 'sc' | 'detail'> }) {
  if (!row.reason && row.sc === null && !row.detail) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Text size="sm">
      {row.reason && (
        <Text span size="sm" ff="monospace">
          {row.reason}
        </Text>
      )}
      {row.sc !== null && <Text span size="sm" c="dimmed">{` ${row.sc}`}</Text>}
      {row.detail && <Text span size="sm" c="dimmed">{` — ${row.detail}`}</Text>}
    </Text>
  );
}
