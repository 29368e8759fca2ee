// The HTTP push bearer (protocol §6, §12): POST the P0 bytes to the device's push URL. The URL is
// checked again here; a host name is resolved by our own lookup, which refuses it unless every address
// is allowed and hands the socket exactly the addresses it checked, so a second answer from DNS
// (rebinding) is never used. Redirects are not followed. The outcome names what happened (`refused`,
// `timeout`, `http 503`), never the address or port, so it cannot serve as a network probe.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { MEDIA_TYPES } from '@dmc/shared/protocol';
import { checkPushUrl, refusedAddress, type PushUrlPolicy } from './push-url-policy';

export interface PushResult {
  /** The device accepted the notification (2xx, normally 202). */
  isAccepted: boolean;
  /** The outcome in a few words: `http 202`, `refused`, `timeout`, `address not allowed`, … */
  detail: string;
}

export type PushTransport = (url: string, p0: Uint8Array) => Promise<PushResult>;

/** What a push endpoint may answer with before the rest is discarded. */
const MAX_ANSWER_BYTES = 64 * 1024;
const NOT_ALLOWED = 'EPUSHNOTALLOWED';

/** A resolver that refuses a name unless every address it resolves to is allowed. */
export function guardedLookup(policy: PushUrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) {
        callback(err, '', 0);
        return;
      }
      const first = addresses[0];
      if (!first || addresses.some((a) => refusedAddress(a.address, policy) !== undefined)) {
        const refused = Object.assign(new Error('address not allowed'), { code: NOT_ALLOWED });
        callback(refused, '', 0);
        return;
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

const OUTCOMES: readonly [RegExp, string][] = [
  [new RegExp(`^${NOT_ALLOWED}$`), 'address not allowed'],
  [/^ECONNREFUSED$/, 'refused'],
  [/^(ETIMEDOUT|ESOCKETTIMEDOUT|ABORT_ERR|UND_ERR_CONNECT_TIMEOUT)$/, 'timeout'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME|EAI_NODATA)$/, 'host not found'],
  [/^(ECONNRESET|EPIPE|ECONNABORTED)$/, 'connection reset'],
  [/^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN)$/, 'unreachable'],
  [/^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/, 'tls error'],
];

/** A transport failure in a few words; the error's own text (addresses, ports) is never passed on. */
export function outcomeOf(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; cause?: { code?: unknown } } | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const raw = e?.code ?? e?.cause?.code;
  const code = typeof raw === 'string' ? raw : '';
  return OUTCOMES.find(([pattern]) => pattern.test(code))?.[1] ?? 'failed';
}

export function createHttpPushTransport(options: {
  policy: PushUrlPolicy;
  timeoutMs?: number;
}): PushTransport {
  const { policy } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const lookup = guardedLookup(policy);
  return (url, p0) => {
    const checked = checkPushUrl(url, policy);
    if (!checked.ok) return Promise.resolve({ isAccepted: false, detail: 'address not allowed' });
    const request = checked.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<PushResult>((resolve) => {
      let isSettled = false;
      const settle = (result: PushResult) => {
        if (isSettled) return;
        isSettled = true;
        resolve(result);
      };
      const onAnswer = (res: IncomingMessage) => {
        // A 3xx is an outcome like any other: its Location is never followed.
        const status = res.statusCode ?? 0;
        const result = { isAccepted: status >= 200 && status < 300, detail: `http ${status}` };
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_ANSWER_BYTES) {
            res.destroy();
            settle(result);
          }
        });
        res.on('end', () => settle(result));
        res.on('error', () => settle(result));
      };
      const req = request(
        checked.url,
        {
          method: 'POST',
          headers: { 'content-type': MEDIA_TYPES.notification, 'content-length': p0.byteLength },
          lookup,
          agent: false,
          signal: AbortSignal.timeout(timeoutMs),
        },
        onAnswer,
      );
      req.on('error', (err) => settle({ isAccepted: false, detail: outcomeOf(err) }));
      req.end(p0);
    });
  };
}
