// What the session inspector stores of a package (profile §13, ARCHITECTURE invariant 28): the
// package as exchanged with every credential, secret and capability token replaced by "<redacted>",
// then capped in size. Secrets travel in a few places only, and each is named here:
// - server-made capability URLs (DR objects and inboxes, job URLs, pages, artifact downloads, the
//   session's CONT URL): their token is the permission to use them (capability-urls.ts);
// - DMAcc credentials in MO data (GET results, hosted HGET data, uploads): AAuthData, AAuthSecret,
//   Auth/Noti and Auth/Trsp Secret and Data, Bootstrap keys;
// - anything keyed like a password, secret, token or Authorization value (alert data, page forms);
// - passwords in URLs (`scheme://user:password@host`) and query values named like a secret.
import { REDACTED } from '@dmc/shared/api';
import { redactAllCapabilityTokens } from '../capabilities/capability-urls';

/** The largest body kept; a larger one is stored as a marker with its size (DMC_SESSION_LOG_*). */
export const MAX_STORED_BODY_BYTES = 64 * 1024;

/** Keys whose value is a credential wherever they appear. */
const SECRET_KEY = /secret|passw|pwd|authorization|aauthdata|token|credential|privatekey|^psk$/i;
/** Keys that hold credentials below an authentication node of DMAcc (Auth/Noti/Data, AppAuth/x/…). */
const AUTH_DATA_KEY = /^(data|pubkey|clientpubkey|serverpubkey|key)$/i;
const AUTH_NODE = /^(auth|appauth|noti|trsp|bootstrap)$/i;
const AUTH_IN_URI = /\/(Auth|AppAuth)(\/|$)/;

const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]*@/gi;
const SECRET_QUERY = /([?&][^=&#\s]*(?:token|secret|sig|signature|password|auth|key)[^=&#\s]*=)[^&#\s]*/gi;

/** A string with capability tokens, URL passwords and secret query values redacted. */
export function redactText(text: string): string {
  return redactAllCapabilityTokens(text, REDACTED)
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(SECRET_QUERY, `$1${REDACTED}`);
}

function redactValue(value: unknown, underAuth: boolean): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, underAuth));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const uri = typeof record.ClientURI === 'string' ? record.ClientURI : undefined;
  const auth = underAuth || (uri !== undefined && AUTH_IN_URI.test(uri));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    const leaf = typeof child !== 'object' || child === null;
    // A secret key hides all it holds; under an authentication node only leaves named like data.
    const secret = SECRET_KEY.test(key) || (auth && leaf && AUTH_DATA_KEY.test(key));
    Object.defineProperty(out, key, {
      value: secret ? REDACTED : redactValue(child, auth || AUTH_NODE.test(key)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The package with its secrets replaced by "<redacted>"; the input is not changed. */
export function redactPackage(body: unknown): unknown {
  return redactValue(body, false);
}

export interface StoredBody {
  /** JSON text to store: the redacted package, or `{ truncated: true, originalBytes }`. */
  body: string;
  bodyBytes: number;
  truncated: boolean;
}

/** Redacts, serializes and caps a package for storage. */
export function storedBody(body: unknown, maxBytes = MAX_STORED_BODY_BYTES): StoredBody {
  const text = JSON.stringify(redactPackage(body) ?? null);
  const bodyBytes = Buffer.byteLength(text);
  if (bodyBytes <= maxBytes) return { body: text, bodyBytes, truncated: false };
  return { body: JSON.stringify({ truncated: true, originalBytes: bodyBytes }), bodyBytes, truncated: true };
}
