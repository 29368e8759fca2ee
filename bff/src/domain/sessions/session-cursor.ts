// The keyset cursor of a device's session list: the start time and id of the last item shown.
import { InputError } from '../errors';

export function encodeSessionCursor(startedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([startedAt.getTime(), id])).toString('base64url');
}

export function decodeSessionCursor(cursor: string): { startedAt: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return { startedAt: new Date(value[0] as number), id: value[1] };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new InputError('cursor is not a cursor this list gave.');
}
