import { createHash } from 'node:crypto';
import { httpFetch } from '../dm-http';
import type { Location, MoStore } from '../mo-store';

/** The outcome of an executed operation, as the MO's result code (FUMO 200, SCOMO/DCMO 1200 = success). */
export interface ExecOutcome {
  resultCode: number;
  success: boolean;
  /** Extra address for the alert, e.g. the deployed component. */
  targetUri?: string;
}

/** One runnable operation behind an executable node. */
export interface ExecJob {
  alertType: string;
  run(): Promise<ExecOutcome>;
}

export interface ExecEnv {
  store: MoStore;
  /** Downloaded packages by the ClientURI of their MO instance (FUMO Download then Update). */
  downloads: Map<string, Uint8Array>;
  log(line: string): void;
  /** True: a successful FUMO update keeps the old DevInfo/FwV (the device "lies" about its update). */
  firmwareLies?: () => boolean;
}

export type ExecFactory = (env: ExecEnv, location: Location) => ExecJob | undefined;

export type Download =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: 'bad-url' | 'network' | 'http' | 'corrupt' };

/**
 * Whether the bytes match what the server announced: the size in Content-Length and the SHA-256 in
 * Repr-Digest (RFC 9530), when it sent them.
 */
export function isIntact(bytes: Uint8Array, headers: Headers): boolean {
  const length = headers.get('content-length');
  if (length !== null && Number(length) !== bytes.length) return false;
  const digest = /sha-256=:([A-Za-z0-9+/=]+):/.exec(headers.get('repr-digest') ?? '')?.[1];
  return digest === undefined || createHash('sha256').update(bytes).digest('base64') === digest;
}

/** Downloads a package with a real HTTP GET and checks its size and hash. */
export async function downloadPackage(url: string | undefined): Promise<Download> {
  if (url === undefined || !/^https?:\/\//i.test(url)) return { ok: false, reason: 'bad-url' };
  try {
    const response = await httpFetch(url, {}, 120_000);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!response.ok) return { ok: false, reason: 'http' };
    return isIntact(bytes, response.headers) ? { ok: true, bytes } : { ok: false, reason: 'corrupt' };
  } catch {
    return { ok: false, reason: 'network' };
  }
}

/** A package whose content starts with FAIL simulates a failed installation (for tests and demos). */
export function simulatesFailure(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'FAIL';
}
