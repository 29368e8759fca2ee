// Opaque keyset cursors: base64url JSON of the last row's position, parsed back with a schema.
import type { z } from 'zod';
import { InputError } from '../errors';

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position in a cursor; a cursor that does not parse is the client's fault (400). */
export function decodeCursor<T extends z.ZodType>(raw: string, schema: T): z.infer<T> {
  try {
    return schema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw new InputError('The cursor is not valid; start again from the first page.');
  }
}
