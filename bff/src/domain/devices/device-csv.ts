// CSV of devices (RFC 4180): a header line, then one line per device, CRLF line ends.
import type { Device } from '@dmc/shared/api';

const COLUMNS: readonly [string, (d: Device) => string | null][] = [
  ['devId', (d) => d.devId],
  ['manufacturer', (d) => d.devInfo.Man],
  ['model', (d) => d.devInfo.Mod],
  ['firmware', (d) => d.devInfo.FwV],
  ['software', (d) => d.devInfo.SwV],
  ['hardware', (d) => d.devInfo.HwV],
  ['devType', (d) => d.devInfo.DevType],
  ['lang', (d) => d.devInfo.Lang],
  ['oem', (d) => d.devInfo.OEM],
  ['dmVersion', (d) => d.devInfo.DmV],
  ['online', (d) => String(d.online)],
  ['lastSeenAt', (d) => d.lastSeenAt],
  ['createdAt', (d) => d.createdAt],
  ['labels', (d) => d.labels.join(' ')],
];

/**
 * One cell. Quoted when it holds a quote, comma or line break; values a device reported that
 * start like a spreadsheet formula get a leading apostrophe, so opening the file runs nothing.
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const DEVICE_CSV_HEADER = `${COLUMNS.map(([name]) => name).join(',')}\r\n`;

export function deviceCsvLines(devices: readonly Device[]): string {
  return devices.map((d) => `${COLUMNS.map(([, get]) => csvCell(get(d))).join(',')}\r\n`).join('');
}
