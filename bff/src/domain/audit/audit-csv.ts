// CSV of audit entries (RFC 4180, CRLF line ends). Cells that start like a spreadsheet formula
// (= + - @) get a leading apostrophe (csvCell), since actors and targets are typed by clients.
import type { AuditEntry } from '@dmc/shared/api';
import { csvCell } from '../devices/device-csv';

const COLUMNS = [
  'seq',
  'at',
  'actor',
  'role',
  'action',
  'target',
  'outcome',
  'client',
  'requestId',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditEntry)[];

export const AUDIT_CSV_HEADER = `${COLUMNS.join(',')}\r\n`;

export function auditCsvLines(entries: readonly AuditEntry[]): string {
  return entries.map((e) => `${COLUMNS.map((c) => csvCell(String(e[c]))).join(',')}\r\n`).join('');
}
