import { lookupNodeMeta } from '../metadata/catalog';
import type { MoMetadata, NodeMeta } from '../metadata/metadata.schema';
import { concreteClientUri, type ClientUri, type SegmentRef } from '../protocol/client-uri';

/** What the server knows of a device: the MO instances it reported and the nodes stored for them. */
export interface DryRunTree {
  instances: readonly { moid: string; miid: string }[];
  nodes: readonly { moid: string; miid: string; path: string }[];
}

/** One concrete node a ClientURI names on this device. */
export interface Target {
  moid: string;
  /** '' when the device will choose the MIID (HGET without a ClientURI). */
  miid: string;
  path: string;
  doc: MoMetadata | undefined;
  /** Paths stored for the instance. */
  stored: ReadonlySet<string>;
  /** The instance is not reported yet: the command would create it. */
  isNewInstance: boolean;
}

export function sameMoid(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function targetUri(t: Target, path = t.path): string {
  return concreteClientUri(t.moid, t.miid, path);
}

/** "FUMO/DownloadAndUpdate/PkgURL": the MO's root name and the node path, as people read it. */
export function nodeLabel(t: Target, path = t.path): string {
  const root = t.doc?.Root ?? t.moid.split(':').at(-2) ?? t.moid;
  return path === '' ? root : `${root}/${path}`;
}

export function metaOf(t: Target, path: string): NodeMeta | undefined {
  return t.doc ? lookupNodeMeta(t.doc, path) : undefined;
}

/** True when the node or one of its ancestors is dynamic (created and removed at run time). */
export function isInDynamicSubtree(t: Target, path: string): boolean {
  for (let p = path; p !== ''; p = parentPath(p)) if (metaOf(t, p)?.Scope === 'Dynamic') return true;
  return false;
}

/**
 * True when the device has the node, as far as the server knows: it is stored; or it is the root of
 * a reported instance; or the instance's whole tree was never read (its root is not stored) and the
 * meta-data describes the node as a fixed (non-dynamic) part of the MO.
 */
export function isKnown(t: Target, path: string): boolean {
  if (t.isNewInstance) return false;
  if (path === '' || t.stored.has(path)) return true;
  if (t.stored.has('')) return false;
  return metaOf(t, path) !== undefined && !isInDynamicSubtree(t, path);
}

function storedPaths(tree: DryRunTree, moid: string, miid: string): Set<string> {
  const paths = new Set<string>();
  for (const n of tree.nodes) if (n.miid === miid && sameMoid(n.moid, moid)) paths.add(n.path);
  return paths;
}

function segmentMatches(pattern: SegmentRef, name: string | undefined): boolean {
  if (name === undefined) return false;
  return pattern.kind === 'name' ? pattern.name === name : true;
}

export type Resolution =
  { ok: true; targets: Target[] } | { ok: false; message: string; code: 'MO_NOT_REPORTED' | 'UNKNOWN_NODE' };

/**
 * The nodes `uri` names on the device. With `forWrite`, an unreported MIID is a new instance (HGET
 * creates it); `*` and x-names are resolved against the stored nodes (nv conditions are not evaluated).
 */
export function resolveTargets(
  uri: ClientUri,
  tree: DryRunTree,
  doc: MoMetadata | undefined,
  forWrite: boolean,
): Resolution {
  const reported = tree.instances.filter((i) => sameMoid(i.moid, uri.moid));
  if (reported.length === 0) {
    return { ok: false, code: 'MO_NOT_REPORTED', message: `the device never reported the MO ${uri.moid}` };
  }
  const make = (miid: string, path: string, isNewInstance: boolean): Target => ({
    moid: reported[0]?.moid ?? uri.moid,
    miid,
    path,
    doc,
    stored: storedPaths(tree, uri.moid, miid),
    isNewInstance,
  });
  let miids: string[];
  const inst = uri.instance;
  if (inst.kind === 'miid') {
    if (!reported.some((i) => i.miid === inst.miid)) {
      if (forWrite) return { ok: true, targets: [make(inst.miid, concretePath(uri.path), true)] };
      return {
        ok: false,
        code: 'UNKNOWN_NODE',
        message: `the device has no instance "${inst.miid}" of ${uri.moid}`,
      };
    }
    miids = [inst.miid];
  } else if (inst.kind === 'only') {
    if (reported.length > 1) {
      const list = reported.map((i) => `"${i.miid}"`).join(', ');
      return {
        ok: false,
        code: 'UNKNOWN_NODE',
        message: `"${uri.moid}//" is ambiguous: the device has ${reported.length} instances (${list}) and would answer 409`,
      };
    }
    miids = reported.map((i) => i.miid);
  } else miids = reported.map((i) => i.miid);

  const isConcretePath = uri.path.every((s) => s.kind === 'name');
  if (isConcretePath) return { ok: true, targets: miids.map((m) => make(m, concretePath(uri.path), false)) };
  const targets: Target[] = [];
  for (const miid of miids) {
    for (const path of storedPaths(tree, uri.moid, miid)) {
      const names = path === '' ? [] : path.split('/');
      if (names.length === uri.path.length && uri.path.every((s, i) => segmentMatches(s, names[i]))) {
        targets.push(make(miid, path, false));
      }
    }
  }
  if (targets.length === 0) {
    return { ok: false, code: 'UNKNOWN_NODE', message: 'the ClientURI matches no node of the stored tree' };
  }
  return { ok: true, targets };
}

function concretePath(path: readonly SegmentRef[]): string {
  return path.map((s) => (s.kind === 'name' ? s.name : '*')).join('/');
}
