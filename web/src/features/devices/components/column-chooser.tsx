import { Button, Checkbox, Menu } from '@mantine/core';
import { Columns3 } from 'lucide-react';
import { DEVICE_COLUMNS, type DeviceColumnKey } from '../lib/device-columns';

type ColumnChooserProps = {
  columns: readonly DeviceColumnKey[];
  onChange: (columns: DeviceColumnKey[]) => void;
};

/** Which columns the table shows; DevID always shows. The choice lives in the URL. */
export function ColumnChooser({ columns, onChange }: ColumnChooserProps) {
  const toggle = (key: DeviceColumnKey) =>
    onChange(columns.includes(key) ? columns.filter((k) => k !== key) : [...columns, key]);
  return (
    <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<Columns3 size={16} aria-hidden />}>
          Columns
        </Button>
      </Menu.Target>
      <Menu.Dropdown aria-label="Columns">
        {DEVICE_COLUMNS.map((column) => (
          <Menu.Item
            key={column.key}
            onClick={() => column.key !== 'devId' && toggle(column.key)}
            disabled={column.key === 'devId'}
          >
            <Checkbox
              label={column.label}
              checked={columns.includes(column.key)}
              disabled={column.key === 'devId'}
              readOnly
              tabIndex={-1}
              size="xs"
              styles={{ input: { cursor: 'pointer' }, label: { cursor: 'pointer' } }}
            />
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
