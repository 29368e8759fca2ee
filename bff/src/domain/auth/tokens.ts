import { createHash, randomBytes } from 'node:crypto';

/** An unguessable token (≥128 bits; protocol §1) and the hash under which it is stored. */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
