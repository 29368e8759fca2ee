// The secret key's text form (DMC_SECRET_KEY and the secret.key file): 32 random bytes written as
// base64 (standard or URL-safe, padding optional) or as 64 hex digits (protocol §12).

export const SECRET_KEY_BYTES = 32;

const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;

export const SECRET_KEY_FORMAT = '32 bytes as base64 (44 characters) or hex (64 digits)';

/** The key `text` names, or undefined when it is not 32 bytes in one of the accepted forms. */
export function parseSecretKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (HEX.test(value)) return Buffer.from(value, 'hex');
  if (!BASE64.test(value)) return undefined;
  const key = Buffer.from(value, 'base64');
  return key.length === SECRET_KEY_BYTES ? key : undefined;
}

/** The form written to secret.key and printed by the key tools (standard base64). */
export function formatSecretKey(key: Buffer): string {
  return key.toString('base64');
}
