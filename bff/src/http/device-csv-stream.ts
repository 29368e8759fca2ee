// Streams the device export: headers first, then one write per page, waiting for the socket to
// drain, so a 100,000-device export never sits in memory. A client that goes away stops the walk.
import type { Response } from 'express';
import type { Device } from '@dmc/shared/api';
import { DEVICE_CSV_HEADER, deviceCsvLines } from '../domain/devices/device-csv';

/** Resolves when the socket can take more, or has closed (then nothing more is written). */
export function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function exportFileName(now: Date): string {
  return `devices-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.csv`;
}

export async function streamDeviceCsv(res: Response, pages: AsyncIterable<Device[]>): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(new Date())}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.write(DEVICE_CSV_HEADER);
  try {
    for await (const page of pages) {
      if (res.destroyed) return;
      if (!res.write(deviceCsvLines(page))) await drained(res);
    }
  } catch (err) {
    // The status line is gone: cutting the connection tells the client the file is incomplete.
    res.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  res.end();
}
