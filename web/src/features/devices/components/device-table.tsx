import { Checkbox, Paper, Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Device, DeviceSortField } from '@dmc/shared/api';
import type { DeviceListParams } from '../../../lib/queries/devices';
import { DEVICE_COLUMNS, type DeviceColumnKey } from '../lib/device-columns';
import { DEVICE_ROW_HEIGHT, DeviceRow } from './device-row';
import { SkeletonRows } from './skeleton-rows';
import { SortableHeader } from './sortable-header';

type DeviceTableProps = {
  devices: readonly Device[];
  params: DeviceListParams;
  columns: readonly DeviceColumnKey[];
  onSort: (field: DeviceSortField) => void;
  isLoading: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** Row checkboxes for bulk work; absent for users who cannot change devices. */
  selection?: TableSelection | undefined;
};

export type TableSelection = {
  isSelected: (devId: string) => boolean;
  onToggle: (devId: string) => void;
  /** Whether the loaded rows are all, some or none selected. */
  loaded: 'all' | 'some' | 'none';
  onToggleLoaded: () => void;
};

const CHECKBOX_WIDTH = 44;

function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden>
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/** Virtualized fleet table: only visible rows are in the DOM; the next page loads near the end. */
export function DeviceTable(props: DeviceTableProps) {
  const { devices, params, columns, onSort, isLoading, hasNextPage, isFetchingNextPage, fetchNextPage } =
    props;
  const { selection } = props;
  const shown = DEVICE_COLUMNS.filter((c) => columns.includes(c.key));
  const minWidth = shown.reduce((sum, c) => sum + c.width, selection ? CHECKBOX_WIDTH : 0);
  const columnCount = shown.length + (selection ? 1 : 0);
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
      <div
        ref={scrollRef}
        style={{ overflow: 'auto', flex: 1, minWidth: 0 }}
        data-testid="device-table-scroll"
      >
        <Table
          stickyHeader
          layout="fixed"
          highlightOnHover
          verticalSpacing={0}
          miw={minWidth}
          aria-label="Devices"
        >
          <colgroup>
            {selection && <col style={{ width: CHECKBOX_WIDTH }} />}
            {shown.map((c) => (
              <col key={c.key} style={{ width: c.width }} />
            ))}
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              {selection && (
                <Table.Th>
                  <Checkbox
                    size="xs"
                    aria-label="Select the loaded devices"
                    checked={selection.loaded === 'all'}
                    indeterminate={selection.loaded === 'some'}
                    onChange={selection.onToggleLoaded}
                  />
                </Table.Th>
              )}
              {shown.map((c) =>
                'sort' in c ? (
                  <SortableHeader key={c.key} field={c.sort} label={c.label} {...header} />
                ) : (
                  <Table.Th key={c.key}>{c.label}</Table.Th>
                ),
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Spacer height={paddingTop} columns={columnCount} />
            {items.map((item) => {
              const device = devices[item.index];
              return device ? (
                <DeviceRow
                  key={device.devId}
                  device={device}
                  columns={columns}
                  selected={selection?.isSelected(device.devId) ?? false}
                  onToggle={selection?.onToggle}
                />
              ) : null;
            })}
            <Spacer height={paddingBottom} columns={columnCount} />
            {(isLoading || isFetchingNextPage) && (
              <SkeletonRows rows={isLoading ? 12 : 3} columns={columnCount} />
            )}
          </Table.Tbody>
        </Table>
      </div>
    </Paper>
  );
}
