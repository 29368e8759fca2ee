// The columns the fleet table can show. Which ones show lives in the URL (`cols`), so a shared
// link shows the same table.
import type { DeviceColumnId, DeviceSortField } from '@dmc/shared/api';

export const DEVICE_COLUMNS = [
  { key: 'devId', label: 'DevID', width: 230, sort: 'devId' },
  { key: 'model', label: 'Model', width: 140, sort: 'model' },
  { key: 'manufacturer', label: 'Manufacturer', width: 140 },
  { key: 'firmware', label: 'Firmware', width: 110, sort: 'fwVersion' },
  { key: 'software', label: 'Software', width: 100 },
  { key: 'hardware', label: 'Hardware', width: 95 },
  { key: 'devType', label: 'Type', width: 115 },
  { key: 'lang', label: 'Language', width: 100 },
  { key: 'online', label: 'Online state', width: 115 },
  { key: 'lastSeen', label: 'Last contact', width: 130, sort: 'lastSeenAt' },
  { key: 'createdAt', label: 'Registered', width: 130, sort: 'createdAt' },
  { key: 'labels', label: 'Labels', width: 200 },
] as const satisfies readonly { key: DeviceColumnId; label: string; width: number; sort?: DeviceSortField }[];

export type DeviceColumn = (typeof DEVICE_COLUMNS)[number];
export type DeviceColumnKey = DeviceColumn['key'];

export const DEFAULT_COLUMNS: readonly DeviceColumnKey[] = [
  'devId',
  'model',
  'manufacturer',
  'firmware',
  'online',
  'lastSeen',
  'createdAt',
  'labels',
];

const KEYS = new Set<string>(DEVICE_COLUMNS.map((c) => c.key));

/** The columns named in `cols` (comma-separated), in table order; DevID always shows. */
export function parseColumns(cols: string | null): DeviceColumnKey[] {
  if (!cols) return [...DEFAULT_COLUMNS];
  const wanted = new Set(cols.split(',').filter((k) => KEYS.has(k)));
  wanted.add('devId');
  return DEVICE_COLUMNS.filter((c) => wanted.has(c.key)).map((c) => c.key);
}

/** `cols` for the URL: empty for the default set, so ordinary links stay short. */
export function formatColumns(columns: readonly DeviceColumnKey[]): string {
  const ordered = DEVICE_COLUMNS.filter((c) => columns.includes(c.key)).map((c) => c.key);
  const isDefault =
    ordered.length === DEFAULT_COLUMNS.length && ordered.every((k, i) => k === DEFAULT_COLUMNS[i]);
  return isDefault ? '' : ordered.join(',');
}
