import { Skeleton, Table } from '@mantine/core';
import { DEVICE_ROW_HEIGHT } from './device-row';

export function SkeletonRows({ rows, columns }: { rows: number; columns: number }) {
  return Array.from({ length: rows }, (_, r) => (
    <Table.Tr key={r} h={DEVICE_ROW_HEIGHT} aria-hidden>
      {Array.from({ length: columns }, (_, c) => (
        <Table.Td key={c}>
          <Skeleton height={12} width={c === 0 ? '70%' : '55%'} radius="sm" />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}
