// The opaque cursor of the campaign list: the last campaign's creation time and id.
import type { CampaignRow } from '../../persistence/ports';
import { InputError } from '../errors';

export function encodeListCursor(row: Pick<CampaignRow, 'createdAt' | 'id'>): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`).toString('base64url');
}

export function decodeListCursor(cursor: string): { createdAt: Date; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^(\d{1,15}):(.{1,128})$/.exec(text);
  if (!match?.[1] || !match[2]) throw new InputError('The cursor is not valid.');
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}
