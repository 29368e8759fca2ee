import { Group, Table, UnstyledButton } from '@mantine/core';
import { ArrowDown, ArrowUp, ChevronsUpDown } from 'lucide-react';
import type { DeviceSortField } from '@dmc/shared/api';
import type { DeviceListParams } from '../../../lib/queries/devices';

type SortableHeaderProps = {
  field: DeviceSortField;
  label: string;
  params: DeviceListParams;
  onSort: (field: DeviceSortField) => void;
};

/** A column header that sorts on the server; aria-sort tells assistive tech the current order. */
export function SortableHeader({ field, label, params, onSort }: SortableHeaderProps) {
  const isActive = params.sort === field;
  const Icon = !isActive ? ChevronsUpDown : params.order === 'asc' ? ArrowUp : ArrowDown;
  return (
    <Table.Th aria-sort={isActive ? (params.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(field)} fz="inherit" fw="inherit" c="inherit">
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={14} aria-hidden opacity={isActive ? 1 : 0.4} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
