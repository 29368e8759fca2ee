// Where the server may push P0 to (protocol §12): an http(s) URL whose host is not a loopback,
// link-local, private or other special-purpose address, unless DMC_PUSH_ALLOW_PRIVATE=1. Applied where
// a push URL enters (API, DMAcc report, DR upload) and again at send time, where a host name is
// resolved and every address it resolves to is checked (push-transport.ts).
import { isIpLiteral, refusedRangeOf, type AddressRange } from './ip-ranges';

export interface PushUrlPolicy {
  /** DMC_PUSH_ALLOW_PRIVATE: loopback, link-local and private addresses are allowed (demo, tests). */
  allowPrivate: boolean;
}

/** The default everywhere a policy is not passed: public addresses only. */
export const PUBLIC_ONLY: PushUrlPolicy = { allowPrivate: false };

export type PushUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** The rule, as API problems and logs name it. */
export const PUSH_URL_RULE =
  'a push URL must be http(s) and must not point at a loopback, link-local, private or other ' +
  'special-purpose address (set DMC_PUSH_ALLOW_PRIVATE=1 to allow them; protocol §12)';

/** Host names that always mean this machine (RFC 6761). */
const isLocalName = (host: string): boolean => {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
};

/** Why an address resolved for a push is refused under `policy`, or undefined when it may be used. */
export function refusedAddress(address: string, policy: PushUrlPolicy): AddressRange | undefined {
  return policy.allowPrivate ? undefined : refusedRangeOf(address);
}

/**
 * Checks what can be checked without resolving: the scheme, and the host when it is an IP literal
 * (in any form a URL accepts: `0x7f.1`, `2130706433`, `[::ffff:127.0.0.1]`) or `localhost`.
 */
export function checkPushUrl(raw: string, policy: PushUrlPolicy): PushUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'only http and https are allowed' };
  }
  if (url.hostname === '') return { ok: false, reason: 'no host' };
  if (policy.allowPrivate) return { ok: true, url };
  if (isLocalName(url.hostname)) return { ok: false, reason: 'the host is a loopback name' };
  if (isIpLiteral(url.hostname)) {
    const range = refusedRangeOf(url.hostname);
    if (range !== undefined) return { ok: false, reason: `the host is a ${range} address` };
  }
  return { ok: true, url };
}
