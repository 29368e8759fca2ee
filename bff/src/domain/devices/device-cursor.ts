// Keyset cursors for the device list: the last row's sort value and devId.
import { z } from 'zod';
import type { DeviceCursor } from '../../persistence/ports';
import { decodeCursor, encodeCursor } from '../paging/cursor';

const cursorSchema = z.object({ v: z.union([z.string(), z.number(), z.null()]), d: z.string() });

export function encodeDeviceCursor(cursor: DeviceCursor): string {
  return encodeCursor({ v: cursor.value, d: cursor.devId });
}

export function decodeDeviceCursor(raw: string): DeviceCursor {
  const parsed = decodeCursor(raw, cursorSchema);
  return { value: parsed.v, devId: parsed.d };
}
