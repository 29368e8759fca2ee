import { Anchor, Table, Text } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import type { Device } from '@dmc/shared/api';
import { RelativeTime } from '../../../components/ui/relative-time';
import { DeviceLabels } from './device-labels';
import { OnlineState } from './online-state';

export const DEVICE_ROW_HEIGHT = 44;

const cell = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

function Dimmed({ value }: { value: string | null }) {
  return value ? (
    <Text component="span" size="sm">
      {value}
    </Text>
  ) : (
    <Text component="span" size="sm" c="dimmed">
      —
    </Text>
  );
}

export const DeviceRow = memo(function DeviceRow({ device }: { device: Device }) {
  return (
    <Table.Tr data-testid="device-row" data-devid={device.devId} h={DEVICE_ROW_HEIGHT}>
      <Table.Td style={cell}>
        <Anchor
          component={Link}
          to={`/devices/${encodeURIComponent(device.devId)}`}
          ff="monospace"
          size="sm"
          fw={500}
        >
          {device.devId}
        </Anchor>
      </Table.Td>
      <Table.Td style={cell}>
        <Dimmed value={device.devInfo.Mod} />
      </Table.Td>
      <Table.Td style={cell}>
        <Dimmed value={device.devInfo.Man} />
      </Table.Td>
      <Table.Td style={cell} ff="monospace">
        <Dimmed value={device.devInfo.FwV} />
      </Table.Td>
      <Table.Td style={cell}>
        <OnlineState online={device.online} />
      </Table.Td>
      <Table.Td style={cell}>
        <RelativeTime iso={device.lastSeenAt} size="sm" />
      </Table.Td>
      <Table.Td style={cell}>
        <RelativeTime iso={device.createdAt} size="sm" c="dimmed" />
      </Table.Td>
      <Table.Td style={cell}>
        <DeviceLabels labels={device.labels} />
      </Table.Td>
    </Table.Tr>
  );
});
