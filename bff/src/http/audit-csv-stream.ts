// Streams the audit export a page at a time, waiting for the socket to drain between pages.
import type { Response } from 'express';
import type { AuditEntry } from '@dmc/shared/api';
import { AUDIT_CSV_HEADER, auditCsvLines } from '../domain/audit/audit-csv';
import { drained } from './device-csv-stream';

export async function streamAuditCsv(res: Response, pages: AsyncIterable<AuditEntry[]>): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  res.write(AUDIT_CSV_HEADER);
  try {
    for await (const page of pages) {
      if (res.destroyed) return;
      if (!res.write(auditCsvLines(page))) await drained(res);
    }
  } catch (err) {
    // The status line is gone: cutting the connection tells the client the file is incomplete.
    res.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  res.end();
}
