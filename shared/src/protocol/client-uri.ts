import { nameFault, textFault } from './names';
import { encodeName, encodeNvName, encodeQueryValue, percentDecode } from './uri-encoding';

/** The instance part of a ClientURI (protocol §5.1). */
export type InstanceRef =
  | { kind: 'miid'; miid: string } // a named instance
  | { kind: 'only' } // "" : the only instance
  | { kind: 'all' } // *
  | { kind: 'xname'; name: string }; // (x), resolved through nv
/** One path segment below the MO root. */
export type SegmentRef = { kind: 'name'; name: string } | { kind: 'all' } | { kind: 'xname'; name: string };
/** `nv=(x)/ID:GPS` → `{ xname: 'x', path: ['ID'], value: 'GPS' }`. */
export interface NvCondition {
  xname: string;
  path: string[];
  value: string;
}
export interface ClientUri {
  moid: string;
  instance: InstanceRef;
  path: SegmentRef[];
  nv: NvCondition[];
  cv?: string;
}
/** `index` is the character offset of the fault in the input. */
export interface ClientUriError {
  message: string;
  index: number;
}
export type ClientUriResult = { ok: true; value: ClientUri } | { ok: false; error: ClientUriError };

class UriFault extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

const XNAME = /^\(([A-Za-z])\)$/;
const XNAME_PREFIX = /^\(([A-Za-z])\)/;
const URN_NID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
// Raw characters that never appear unencoded in a ClientURI (controls are checked by code point).
const FORBIDDEN = /[\s#"<>\\^`{|}]/;

function firstForbidden(raw: string): { ch: string; index: number } | undefined {
  for (let i = 0; i < raw.length; i += 1) {
    const code = raw.charCodeAt(i);
    const ch = raw.charAt(i);
    if (code < 0x20 || code === 0x7f || FORBIDDEN.test(ch)) return { ch, index: i };
  }
  return undefined;
}

function decodeAt(raw: string, offset: number, what: string): string {
  const bad = firstForbidden(raw);
  if (bad) throw new UriFault(`${what} contains an unencoded ${JSON.stringify(bad.ch)}`, offset + bad.index);
  const decoded = percentDecode(raw);
  if (!decoded.ok) throw new UriFault(`${what}: ${decoded.message}`, offset + decoded.offset);
  return decoded.value;
}

function parseMoid(moid: string): void {
  if (!/^urn:/i.test(moid)) throw new UriFault('MOID must be a URN starting with "urn:"', 0);
  const nidEnd = moid.indexOf(':', 4);
  const nid = nidEnd < 0 ? moid.slice(4) : moid.slice(4, nidEnd);
  if (!URN_NID.test(nid)) throw new UriFault('MOID has no valid URN namespace after "urn:"', 4);
  if (nidEnd < 0 || nidEnd === moid.length - 1) {
    throw new UriFault('MOID has no namespace-specific part', nidEnd < 0 ? moid.length : nidEnd + 1);
  }
  const bad = /[\s#%"<>\\^`{|}]/.exec(moid);
  if (bad) throw new UriFault(`MOID contains ${JSON.stringify(bad[0])}`, bad.index);
  const fault = textFault(moid);
  if (fault !== undefined) throw new UriFault(`MOID: ${fault}`, 0);
}

/** A decoded MIID or node name; dot-segments and text that is not UTF-8 are refused (protocol §12). */
function nameAt(raw: string, offset: number, what: string): string {
  const name = decodeAt(raw, offset, what);
  const fault = nameFault(name);
  if (fault !== undefined) throw new UriFault(`${what}: ${fault}`, offset);
  return name;
}

function parseXname(raw: string, offset: number): string | undefined {
  if (!raw.startsWith('(')) return undefined;
  const m = XNAME.exec(raw);
  if (!m) throw new UriFault(`bad x-name "${raw}": expected "(" one letter ")"`, offset);
  return m[1];
}

function parseInstance(raw: string, offset: number): InstanceRef {
  if (raw === '') return { kind: 'only' };
  if (raw === '*') return { kind: 'all' };
  const x = parseXname(raw, offset);
  if (x !== undefined) return { kind: 'xname', name: x };
  return { kind: 'miid', miid: nameAt(raw, offset, 'instance') };
}

function parseSegment(raw: string, offset: number): SegmentRef {
  if (raw === '') throw new UriFault('empty path segment', offset);
  if (raw === '*') return { kind: 'all' };
  const x = parseXname(raw, offset);
  if (x !== undefined) return { kind: 'xname', name: x };
  return { kind: 'name', name: nameAt(raw, offset, 'path segment') };
}

function parsePath(raw: string, offset: number): { seg: SegmentRef; at: number }[] {
  if (raw === '') return [];
  // One trailing "/" after an interior node is tolerated (…/Download/ = …/Download).
  const body = raw.endsWith('/') && raw.length > 1 ? raw.slice(0, -1) : raw;
  const segments: { seg: SegmentRef; at: number }[] = [];
  let at = offset;
  for (const part of body.split('/')) {
    segments.push({ seg: parseSegment(part, at), at });
    at += part.length + 1;
  }
  return segments;
}

function parseNv(raw: string, offset: number): NvCondition {
  const m = XNAME_PREFIX.exec(raw);
  if (!m?.[1]) throw new UriFault('nv must start with an x-name such as "(x)"', offset);
  const xname = m[1];
  let at = m[0].length;
  if (raw[at] !== '/') throw new UriFault('expected "/" after the x-name in nv', offset + at);
  at += 1;
  const colon = raw.indexOf(':', at);
  if (colon < 0) throw new UriFault('nv needs ":" between its path and its value', offset + raw.length);
  const path: string[] = [];
  for (const part of raw.slice(at, colon).split('/')) {
    if (part === '') throw new UriFault('empty segment in the nv path', offset + at);
    if (part === '*' || part.startsWith('(')) {
      throw new UriFault('an nv path names nodes; wildcards and x-names are not allowed there', offset + at);
    }
    path.push(decodeAt(part, offset + at, 'nv path'));
    at += part.length + 1;
  }
  const value = decodeAt(raw.slice(colon + 1), offset + colon + 1, 'nv value');
  return { xname, path, value };
}

function parseQuery(raw: string, offset: number): { nv: NvCondition[]; nvAt: number[]; cv?: string } {
  const nv: NvCondition[] = [];
  const nvAt: number[] = [];
  let cv: string | undefined;
  let at = offset;
  for (const field of raw.split('&')) {
    if (field === '') throw new UriFault('empty query field', at);
    const eq = field.indexOf('=');
    if (eq < 0) throw new UriFault(`query field "${field}" has no "="`, at);
    const name = field.slice(0, eq);
    const valueAt = at + eq + 1;
    if (name === 'nv') {
      nv.push(parseNv(field.slice(eq + 1), valueAt));
      nvAt.push(valueAt);
    } else if (name === 'cv') {
      if (cv !== undefined) throw new UriFault('duplicate cv', at);
      cv = decodeAt(field.slice(eq + 1), valueAt, 'cv');
    } else {
      throw new UriFault(`unknown query field "${name}" (expected nv or cv)`, at);
    }
    at += field.length + 1;
  }
  return cv === undefined ? { nv, nvAt } : { nv, nvAt, cv };
}

/** Every x-name used must have an nv condition, every nv must refer to a used x-name, none used twice. */
function checkXnames(uri: ClientUri, usedAt: Map<string, number>, nvAt: number[]): void {
  uri.nv.forEach((cond, i) => {
    if (!usedAt.has(cond.xname)) {
      throw new UriFault(`nv refers to x-name "(${cond.xname})", which the URI does not use`, nvAt[i] ?? 0);
    }
  });
  for (const [name, index] of usedAt) {
    if (!uri.nv.some((c) => c.xname === name))
      throw new UriFault(`x-name "(${name})" has no nv condition`, index);
  }
}

function parseOrThrow(input: string): ClientUri {
  if (input.length === 0) throw new UriFault('missing MOID', 0);
  const q = input.indexOf('?');
  const head = q < 0 ? input : input.slice(0, q);
  const slash = head.indexOf('/');
  if (slash === 0) throw new UriFault('missing MOID before "/"', 0);
  if (slash < 0) throw new UriFault('expected "/" after the MOID', head.length);
  const moid = head.slice(0, slash);
  parseMoid(moid);

  const instAt = slash + 1;
  const rest = head.slice(instAt);
  const slash2 = rest.indexOf('/');
  // Without the second "/" (`MOID/left`) the instance root is meant: accepted, never sent.
  const instRaw = slash2 < 0 ? rest : rest.slice(0, slash2);
  const instance = parseInstance(instRaw, instAt);
  const pathAt = instAt + instRaw.length + 1;
  const located = slash2 < 0 ? [] : parsePath(rest.slice(slash2 + 1), pathAt);

  const usedAt = new Map<string, number>();
  const noteX = (name: string, index: number): void => {
    if (usedAt.has(name)) throw new UriFault(`x-name "(${name})" is used twice`, index);
    usedAt.set(name, index);
  };
  if (instance.kind === 'xname') noteX(instance.name, instAt);
  for (const { seg, at } of located) if (seg.kind === 'xname') noteX(seg.name, at);
  const path = located.map((l) => l.seg);

  const query = q < 0 ? { nv: [], nvAt: [] } : parseQuery(input.slice(q + 1), q + 1);
  const uri: ClientUri = { moid, instance, path, nv: query.nv };
  if ('cv' in query && query.cv !== undefined) uri.cv = query.cv;
  checkXnames(uri, usedAt, query.nvAt);
  return uri;
}

/** Parses a ClientURI (protocol §5.1); never throws. */
export function parseClientUri(input: string): ClientUriResult {
  if (typeof input !== 'string')
    return { ok: false, error: { message: 'ClientURI must be a string', index: 0 } };
  try {
    return { ok: true, value: parseOrThrow(input) };
  } catch (e) {
    if (e instanceof UriFault) return { ok: false, error: { message: e.message, index: e.index } };
    return { ok: false, error: { message: String(e), index: 0 } };
  }
}

function formatInstance(inst: InstanceRef): string {
  switch (inst.kind) {
    case 'miid':
      return encodeName(inst.miid);
    case 'only':
      return '';
    case 'all':
      return '*';
    case 'xname':
      return `(${inst.name})`;
  }
}

function formatSegment(seg: SegmentRef): string {
  switch (seg.kind) {
    case 'name':
      return encodeName(seg.name);
    case 'all':
      return '*';
    case 'xname':
      return `(${seg.name})`;
  }
}

/** Canonical text: MOID "/" inst "/" path ["?" nv… & cv]; the root keeps its trailing "/". */
export function formatClientUri(uri: ClientUri): string {
  const path = uri.path.map(formatSegment).join('/');
  const fields = uri.nv.map(
    (c) => `nv=(${c.xname})/${c.path.map(encodeNvName).join('/')}:${encodeQueryValue(c.value)}`,
  );
  if (uri.cv !== undefined) fields.push(`cv=${encodeQueryValue(uri.cv)}`);
  const query = fields.length > 0 ? `?${fields.join('&')}` : '';
  return `${uri.moid}/${formatInstance(uri.instance)}/${path}${query}`;
}

/** 'Download/PkgURL' ('' for the root); names are not percent-encoded, `*` and `(x)` appear as such. */
export function pathToString(path: readonly SegmentRef[]): string {
  return path.map((s) => (s.kind === 'name' ? s.name : s.kind === 'all' ? '*' : `(${s.name})`)).join('/');
}

/** True when the URI names exactly one node: no `*`, no x-names, instance is a MIID or the only one. */
export function isConcrete(uri: ClientUri): boolean {
  return (
    (uri.instance.kind === 'miid' || uri.instance.kind === 'only') && uri.path.every((s) => s.kind === 'name')
  );
}

/** Splits 'Download/PkgURL' into node names ('' → []). */
export function splitNodePath(path: string): string[] {
  return path === '' ? [] : path.split('/');
}

/** The canonical ClientURI of one node: miid '' means the only instance; path is below the root. */
export function concreteClientUri(moid: string, miid: string, path = ''): string {
  return formatClientUri({
    moid,
    instance: miid === '' ? { kind: 'only' } : { kind: 'miid', miid },
    path: splitNodePath(path).map((name) => ({ kind: 'name', name })),
    nv: [],
  });
}
