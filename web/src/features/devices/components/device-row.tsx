import { Checkbox, Table } from '@mantine/core';
import { memo } from 'react';
import type { Device } from '@dmc/shared/api';
import type { DeviceColumnKey } from '../lib/device-columns';
import { DeviceCell } from './device-cell';

export const DEVICE_ROW_HEIGHT = 44;

const cell = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

export const DeviceRow = memo(function DeviceRow({
  device,
  columns,
  selected = false,
  onToggle,
}: {
  device: Device;
  columns: readonly DeviceColumnKey[];
  selected?: boolean;
  /** Row selection for bulk work; absent for users who cannot change devices. */
  onToggle?: ((devId: string) => void) | undefined;
}) {
  return (
    <Table.Tr
      data-testid="device-row"
      data-devid={device.devId}
      h={DEVICE_ROW_HEIGHT}
      data-selected={selected || undefined}
    >
      {onToggle && (
        <Table.Td>
          <Checkbox
            size="xs"
            aria-label={`Select ${device.devId}`}
            checked={selected}
            onChange={() => onToggle(device.devId)}
          />
        </Table.Td>
      )}
      {columns.map((column) => (
        <Table.Td key={column} style={cell}>
          <DeviceCell device={device} column={column} />
        </Table.Td>
      ))}
    </Table.Tr>
  );
});
