// Server-made capability URLs (protocol §1, §8; ARCHITECTURE invariant 10): every address this
// server hands out whose unguessable token is the permission to use it. They are built, parsed,
// routed and redacted here and nowhere else.
import { newToken } from '../auth/tokens';

/** The path under the public URL that each kind of capability lives at, token appended. */
export const CAPABILITY_PATHS = {
  /** Hosted MO serializations, the source of an HGET or DEFAULT. */
  object: '/dr/objects/',
  /** Upload inboxes of HPUT, HPOST and SUB. */
  inbox: '/dr/inbox/',
  /** Artifact downloads (firmware, software packages). */
  artifact: '/dr/artifacts/',
  /** An EXEC's ServerURI, where the device delivers the asynchronous outcome. */
  job: '/dm/jobs/',
  /** The CONT URL of an open DM session. */
  session: '/dm/s/',
  /** Device pages a SHOW opens in the device browser. */
  page: '/ui/',
} as const;

export type CapabilityKind = keyof typeof CAPABILITY_PATHS;

const KINDS = Object.keys(CAPABILITY_PATHS) as CapabilityKind[];

/** Kinds whose URLs a command can carry; read-only console users see them without the token. */
const COMMAND_KINDS: readonly CapabilityKind[] = ['object', 'inbox', 'job', 'page'];

export interface Capability {
  kind: CapabilityKind;
  token: string;
}

export interface CapabilityUrls {
  /** The absolute URL of a capability. */
  url(kind: CapabilityKind, token: string): string;
  /** `<public><path>`: every URL of `kind` starts with it. */
  prefix(kind: CapabilityKind): string;
  /** A fresh unguessable token (≥128 bits) and its absolute URL. */
  mint(kind: CapabilityKind): Capability & { url: string };
  /** The capability an absolute URL of this server names, if it names one. */
  parse(url: string): Capability | undefined;
  /** The token when `url` is one of this server's URLs of `kind`. */
  tokenOf(kind: CapabilityKind, url: string): string | undefined;
}

/** Builds and parses the capability URLs under `publicUrl` (no trailing slash). */
export function capabilityUrls(publicUrl: string): CapabilityUrls {
  const prefixes = KINDS.map((kind) => ({ kind, prefix: `${publicUrl}${CAPABILITY_PATHS[kind]}` }));

  function parse(url: string): Capability | undefined {
    for (const { kind, prefix } of prefixes) {
      if (url.startsWith(prefix) && url.length > prefix.length) {
        return { kind, token: url.slice(prefix.length) };
      }
    }
    return undefined;
  }

  const url = (kind: CapabilityKind, token: string): string =>
    `${publicUrl}${CAPABILITY_PATHS[kind]}${token}`;

  return {
    url,
    prefix: (kind) => `${publicUrl}${CAPABILITY_PATHS[kind]}`,
    mint(kind) {
      const token = newToken();
      return { kind, token, url: url(kind, token) };
    },
    parse,
    tokenOf(kind, candidate) {
      const found = parse(candidate);
      return found?.kind === kind ? found.token : undefined;
    },
  };
}

/** The route pattern of a kind for a router, e.g. `/ui/:token`. */
export function capabilityRoute(kind: CapabilityKind, param = 'token'): string {
  return `${CAPABILITY_PATHS[kind]}:${param}`;
}

/** The path a kind's routes are mounted under, e.g. `/ui`. */
export function capabilityMount(kind: CapabilityKind): string {
  return CAPABILITY_PATHS[kind].slice(0, -1);
}

/** The capability a request path (no query) names: one token segment, an optional trailing slash. */
export function parseCapabilityPath(path: string): Capability | undefined {
  for (const kind of KINDS) {
    const prefix = CAPABILITY_PATHS[kind];
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const token = rest.endsWith('/') ? rest.slice(0, -1) : rest;
    return token === '' || token.includes('/') ? undefined : { kind, token };
  }
  return undefined;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternatives = (kinds: readonly CapabilityKind[]): string =>
  kinds.map((kind) => escape(CAPABILITY_PATHS[kind].slice(1, -1))).join('|');

const TOKEN_PATH = new RegExp(`^(\\/(?:${alternatives(KINDS)})\\/)[^/?#]+`);
const TOKEN_IN_TEXT = new RegExp(`\\/(${alternatives(COMMAND_KINDS)})\\/[A-Za-z0-9_-]{16,}`, 'g');
const ANY_TOKEN_IN_TEXT = new RegExp(`\\/(${alternatives(KINDS)})\\/[A-Za-z0-9_%-]{16,}`, 'g');

/** A request URL with its capability token replaced by `:token`, so logs can be shared. */
export function redactCapabilityPath(url: string): string {
  return url.replace(TOKEN_PATH, '$1:token');
}

/** Text (a command part) with the tokens of server-made URLs replaced by `…`. */
export function redactCapabilityUrls(text: string): string {
  return text.replace(TOKEN_IN_TEXT, '/$1/…');
}

/**
 * Text with the token of every server-made URL, of any kind (a session's CONT URL too), replaced by
 * `mark`: what the session inspector stores (profile §13).
 */
export function redactAllCapabilityTokens(text: string, mark: string): string {
  return text.replace(ANY_TOKEN_IN_TEXT, (_match, path: string) => `/${path}/${mark}`);
}
