import { randomBytes } from 'node:crypto';

/**
 * The public id of a session or API token: 96 random bits. Not a secret (it only names the row to
 * its owner, and to admins for API tokens); the secret's hash stays the key.
 */
export function newCredentialId(): string {
  return randomBytes(12).toString('base64url');
}
