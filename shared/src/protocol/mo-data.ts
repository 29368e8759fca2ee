import {
  type MoData,
  type MoDataValue,
  type MoSerialization,
  type MoSerializationItem,
} from './mo-serialization.schema';
import { nameFault } from './names';

/** One node of an MO instance; `path` is below the MO root ('' = the root itself). */
export interface FlatNode {
  path: string;
  value: string | null;
  isLeaf: boolean;
}

type Interior = { [name: string]: MoDataValue };

function isInterior(v: MoDataValue | undefined): v is Interior {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Defines an own property even for names like "__proto__". */
function setOwn(target: Interior, key: string, value: MoDataValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

function leafString(v: string | number | boolean): string {
  return typeof v === 'string' ? v : String(v);
}

function walk(value: MoDataValue, path: string, out: FlatNode[]): string | undefined {
  if (Array.isArray(value)) return `node "${path}" is an array; MOData has objects and leaves only`;
  if (value === null) {
    out.push({ path, value: null, isLeaf: true });
    return undefined;
  }
  if (typeof value !== 'object') {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return `node "${path}" has a value of type ${typeof value}`;
    }
    out.push({ path, value: leafString(value), isLeaf: true });
    return undefined;
  }
  out.push({ path, value: null, isLeaf: false });
  for (const [name, child] of Object.entries(value)) {
    if (name === '' || name.includes('/')) return `bad node name ${JSON.stringify(name)} under "${path}"`;
    const fault = nameFault(name);
    if (fault !== undefined) return `bad node name under "${path}": ${fault}`;
    const err = walk(child, joinPath(path, name), out);
    if (err !== undefined) return err;
  }
  return undefined;
}

/** The value at `segments` below `start`, or undefined when the descent leaves the data. */
function descend(start: MoDataValue | undefined, segments: readonly string[]): MoDataValue | undefined {
  let at = start;
  for (const seg of segments) {
    if (!isInterior(at) || !Object.hasOwn(at, seg)) return undefined;
    at = at[seg];
  }
  return at;
}

/**
 * MOData addressed at `addressedPath` (below the root, '' = root) → the nodes it holds, paths below the root.
 * Accepts both forms of protocol §5: keyed by the addressed node's name (root name for the instance root), and the
 * "descends from the MO root" form; numbers/booleans become strings. rootName = meta-data Root, e.g. 'DevInfo'.
 */
export function flattenMoData(
  moData: MoData,
  addressedPath: string,
  rootName: string,
): { ok: true; nodes: FlatNode[] } | { ok: false; error: string } {
  if (!isInterior(moData)) return { ok: false, error: 'MOData must be an object' };
  const keys = Object.keys(moData);
  if (keys.length !== 1) {
    return {
      ok: false,
      error: `MOData must hold exactly one node (the addressed one), found ${keys.length}`,
    };
  }
  const key = keys[0] ?? '';
  const segments = addressedPath === '' ? [] : addressedPath.split('/');
  const addressedName = segments[segments.length - 1] ?? rootName;
  let subtree: MoDataValue | undefined;
  if (key === addressedName) subtree = moData[key];
  // The instance root may carry any root name (devices differ); protocol §5.
  else if (segments.length === 0) subtree = moData[key];
  // "Descends from the MO root" form: { <root>: { Download: { PkgURL: … } } }.
  else subtree = descend(moData[key], segments);
  if (subtree === undefined) {
    return {
      ok: false,
      error: `MOData key "${key}" is neither the addressed node "${addressedName}" nor a root that leads to "${addressedPath}"`,
    };
  }
  const nodes: FlatNode[] = [];
  const err = walk(subtree, addressedPath, nodes);
  return err === undefined ? { ok: true, nodes } : { ok: false, error: err };
}

function isAtOrBelow(path: string, base: string): boolean {
  return base === '' || path === base || path.startsWith(`${base}/`);
}

/** The inverse: nodes (paths below root) under addressedPath → MOData keyed by the addressed node's name. */
export function buildMoData(nodes: readonly FlatNode[], addressedPath: string, rootName: string): MoData {
  const segments = addressedPath === '' ? [] : addressedPath.split('/');
  const addressedName = segments[segments.length - 1] ?? rootName;
  const holder: Interior = {};
  const self = nodes.find((n) => n.path === addressedPath);
  if (self?.isLeaf) {
    setOwn(holder, addressedName, self.value);
    return holder;
  }
  const below = nodes.filter((n) => n.path !== addressedPath && isAtOrBelow(n.path, addressedPath));
  if (self === undefined && below.length === 0) return holder;
  const top: Interior = {};
  setOwn(holder, addressedName, top);
  const prefix = addressedPath === '' ? 0 : addressedPath.length + 1;
  // Shorter paths first so parents exist before their children; missing parents become interior nodes.
  for (const node of [...below].sort((a, b) => a.path.split('/').length - b.path.split('/').length)) {
    const rel = node.path.slice(prefix).split('/');
    let at = top;
    for (const seg of rel.slice(0, -1)) {
      const next = Object.hasOwn(at, seg) ? at[seg] : undefined;
      if (isInterior(next)) at = next;
      else {
        const created: Interior = {};
        setOwn(at, seg, created);
        at = created;
      }
    }
    const last = rel[rel.length - 1] ?? '';
    if (node.isLeaf) setOwn(at, last, node.value);
    else if (!isInterior(Object.hasOwn(at, last) ? at[last] : undefined)) setOwn(at, last, {});
  }
  return holder;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** MOData nests no deeper than the JSON around it may (protocol §12: 64 levels). */
const MAX_MO_DEPTH = 64;

/**
 * Whether `raw` is MOData (what moDataSchema accepts, at most MAX_MO_DEPTH levels), checked with an
 * explicit stack: a schema walk over tens of thousands of nodes held the event loop for a tenth of a
 * second, and recursion would overflow on deep input (protocol §12).
 */
function isMoData(raw: unknown): raw is MoData {
  if (!isRecord(raw)) return false;
  const pending: [Record<string, unknown>, number][] = [[raw, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      const value = node[key];
      if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
      if (typeof value === 'number' && Number.isFinite(value)) continue;
      if (!isRecord(value) || depth >= MAX_MO_DEPTH) return false;
      pending.push([value, depth + 1]);
    }
  }
  return true;
}

function normaliseItem(raw: unknown, index: number, fallbackClientUri: string): MoSerializationItem | string {
  if (!isRecord(raw)) return `element ${index} is not an object`;
  const uri = raw.ClientURI ?? fallbackClientUri;
  if (typeof uri !== 'string') return `element ${index}: ClientURI must be a string`;
  const data = raw.MOData;
  if (!isMoData(data))
    return `element ${index}: MOData must be an object of nodes (objects) and leaves (strings)`;
  const item: MoSerializationItem = { ...raw, ClientURI: uri, MOData: data };
  for (const key of ['DDF', 'CV'] as const) {
    const v = raw[key];
    // null for an optional member reads as absent (protocol §12).
    if (v === null) delete item[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return `element ${index}: ${key} must be a string`;
    item[key] = v;
  }
  return item;
}

/**
 * Accepts an MO serialization array, a single element, or a bare { MOData } (answer to HGET), and returns the array
 * form. An element that came without a ClientURI gets `fallbackClientUri` ('' unless given: the addressing
 * command's ClientURI applies).
 */
export function normaliseMoSerialization(
  body: unknown,
  fallbackClientUri = '',
): { ok: true; value: MoSerialization } | { ok: false; error: string } {
  const items: unknown[] = Array.isArray(body) ? body : [body];
  if (!Array.isArray(body) && !isRecord(body)) {
    return {
      ok: false,
      error: 'an MO serialization is an array of { ClientURI, MOData } or one such object',
    };
  }
  const value: MoSerialization = [];
  for (const [i, raw] of items.entries()) {
    const item = normaliseItem(raw, i, fallbackClientUri);
    if (typeof item === 'string') return { ok: false, error: item };
    value.push(item);
  }
  return { ok: true, value };
}
