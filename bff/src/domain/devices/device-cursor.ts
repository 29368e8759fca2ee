// Opaque keyset cursors for the device list: base64url JSON of the last row's sort value and devId.
import { z } from 'zod';
import type { DeviceCursor } from '../../persistence/ports';
import { InputError } from '../errors';

const cursorSchema = z.object({ v: z.union([z.string(), z.number(), z.null()]), d: z.string() });

export function encodeDeviceCursor(cursor: DeviceCursor): string {
  return Buffer.from(JSON.stringify({ v: cursor.value, d: cursor.devId })).toString('base64url');
}

export function decodeDeviceCursor(raw: string): DeviceCursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { value: parsed.v, devId: parsed.d };
  } catch {
    throw new InputError('The cursor is not valid; start again from the first page.');
  }
}
