import { Paper, Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Device, DeviceSortField } from '@dmc/shared/api';
import type { DeviceListParams } from '../api/device-keys';
import { DEVICE_ROW_HEIGHT, DeviceRow } from './device-row';
import { SkeletonRows } from './skeleton-rows';
import { SortableHeader } from './sortable-header';

const COLUMNS = 8;
const WIDTHS = ['22%', '13%', '13%', '10%', '10%', '10%', '10%', '12%'];

type DeviceTableProps = {
  devices: readonly Device[];
  params: DeviceListParams;
  onSort: (field: DeviceSortField) => void;
  isLoading: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
};

function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden>
      <td colSpan={COLUMNS} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/** Virtualized fleet table: only visible rows are in the DOM; the next page loads near the end. */
export function DeviceTable(props: DeviceTableProps) {
  const { devices, params, onSort, isLoading, hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- rows are re-read on every render by design
  const virtualizer = useVirtualizer({
    count: devices.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => DEVICE_ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= devices.length - 20) fetchNextPage();
  }, [lastIndex, devices.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const header = { params, onSort };

  return (
    <Paper withBorder radius="md" style={{ flex: 1, minHeight: 0, overflow: 'hidden', display: 'flex' }}>
      <div ref={scrollRef} style={{ overflow: 'auto', flex: 1 }} data-testid="device-table-scroll">
        <Table
          stickyHeader
          layout="fixed"
          highlightOnHover
          verticalSpacing={0}
          miw={960}
          aria-label="Devices"
        >
          <colgroup>
            {WIDTHS.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <SortableHeader field="devId" label="DevID" {...header} />
              <SortableHeader field="model" label="Model" {...header} />
              <Table.Th>Manufacturer</Table.Th>
              <SortableHeader field="fwVersion" label="Firmware" {...header} />
              <Table.Th>Online state</Table.Th>
              <SortableHeader field="lastSeenAt" label="Last contact" {...header} />
              <SortableHeader field="createdAt" label="Registered" {...header} />
              <Table.Th>Labels</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Spacer height={paddingTop} />
            {items.map((item) => {
              const device = devices[item.index];
              return device ? <DeviceRow key={device.devId} device={device} /> : null;
            })}
            <Spacer height={paddingBottom} />
            {(isLoading || isFetchingNextPage) && (
              <SkeletonRows rows={isLoading ? 12 : 3} columns={COLUMNS} />
            )}
          </Table.Tbody>
        </Table>
      </div>
    </Paper>
  );
}
