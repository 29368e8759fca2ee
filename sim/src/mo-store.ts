import { randomBytes } from 'node:crypto';
import type { AccessType, MoMetadata, NodeMeta } from '@dmc/shared/metadata';
import { findMetadata, lookupNodeMeta } from '@dmc/shared/metadata';
import type { ClientUri, FlatNode, MoDataValue, MoInfo, MoSerialization } from '@dmc/shared/protocol';
import { buildMoData, formatClientUri, parseClientUri, STATUS } from '@dmc/shared/protocol';
import { resolveExisting, resolveWriteTarget, type Location, type WriteTarget } from './mo-resolve';
import {
  interior,
  isPrefix,
  joinPath,
  nodeAt,
  splitPath,
  treeFrom,
  type InteriorNode,
  type TreeNode,
} from './mo-tree';
import { ok, refuse, type Outcome } from './result';

export type { Location, WriteTarget } from './mo-resolve';

interface Instance {
  root: InteriorNode;
  /** Cache validator (protocol §5.1): changes on every change to the instance. */
  cv: string;
}

/** One change to the tree, reported to listeners (SUB). */
export interface MoChange {
  moid: string;
  miid: string;
  path: string[];
}
export type ChangeListener = (change: MoChange) => void;

export type ReadResult = { kind: 'data'; items: MoSerialization } | { kind: 'not-modified' };

function newCv(): string {
  return randomBytes(6).toString('hex');
}

/** The concrete ClientURI of a location, e.g. `urn:oma:mo:oma-fumo:1.0/fw/State`. */
export function locationUri(location: Location): string {
  return formatClientUri({
    moid: location.moid,
    instance: { kind: 'miid', miid: location.miid },
    path: location.path.map((name) => ({ kind: 'name', name })),
    nv: [],
  });
}

/**
 * The device's MO instances, `Map<MOID, Map<MIID, tree>>` (protocol §5.3), guarded by the MOs'
 * meta-data the way a real device refuses commands (protocol §4).
 */
export class MoStore {
  private readonly mos = new Map<string, Map<string, Instance>>();
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly extraMetadata: readonly MoMetadata[] = []) {}

  metadata(moid: string): MoMetadata | undefined {
    return findMetadata(moid, this.extraMetadata);
  }

  rootName(moid: string): string {
    return this.metadata(moid)?.Root ?? moid.split(':').at(-2) ?? moid;
  }

  nodeMeta(moid: string, path: readonly string[]): NodeMeta | undefined {
    const doc = this.metadata(moid);
    return doc === undefined ? undefined : lookupNodeMeta(doc, joinPath(path));
  }

  /** Whether meta-data permits `access` on a node; nodes the meta-data does not describe permit all but Exec. */
  allows(moid: string, path: readonly string[], access: AccessType): boolean {
    const meta = this.nodeMeta(moid, path);
    if (meta === undefined) return access !== 'Exec';
    return meta.AccessType.includes(access);
  }

  isPermanent(moid: string, path: readonly string[]): boolean {
    return this.nodeMeta(moid, path)?.Scope === 'Permanent';
  }

  /** Seeds an instance (factory state): no checks, no change event. */
  addInstance(moid: string, miid: string, data: { [name: string]: MoDataValue }): void {
    const instances = this.mos.get(moid) ?? new Map<string, Instance>();
    instances.set(miid, { root: treeFrom(data), cv: newCv() });
    this.mos.set(moid, instances);
  }

  /** Declares an MO the device supports, even with no instance yet. */
  supportMo(moid: string): void {
    if (!this.mos.has(moid)) this.mos.set(moid, new Map());
  }

  moInfo(): MoInfo[] {
    return [...this.mos].map(([moid, instances]) => {
      const ddf = this.metadata(moid)?.DDF;
      return { ...(ddf === undefined ? {} : { DDF: ddf }), MOID: moid, MIID: [...instances.keys()] };
    });
  }

  miids(moid: string): string[] {
    return [...(this.mos.get(moid)?.keys() ?? [])];
  }

  supports(moid: string): boolean {
    return this.mos.has(moid);
  }

  cv(moid: string, miid: string): string | undefined {
    return this.mos.get(moid)?.get(miid)?.cv;
  }

  getValue(moid: string, miid: string, path: string): string | undefined {
    const root = this.mos.get(moid)?.get(miid)?.root;
    const node = root === undefined ? undefined : nodeAt(root, splitPath(path));
    return node?.kind === 'leaf' ? node.value : undefined;
  }

  /** Child names of an interior node, [] when it does not exist. */
  childNames(moid: string, miid: string, path: string): string[] {
    const root = this.mos.get(moid)?.get(miid)?.root;
    const node = root === undefined ? undefined : nodeAt(root, splitPath(path));
    return node?.kind === 'node' ? [...node.children.keys()] : [];
  }

  /** A change made by the device itself (no access checks): sets a leaf, creating interiors. */
  setValue(moid: string, miid: string, path: string, value: string): void {
    const inst = this.mos.get(moid)?.get(miid);
    if (inst === undefined) return;
    const names = splitPath(path);
    let node = inst.root;
    for (const name of names.slice(0, -1)) {
      let child = node.children.get(name);
      if (child?.kind !== 'node') {
        child = interior();
        node.children.set(name, child);
      }
      node = child;
    }
    const leaf = names.at(-1);
    if (leaf === undefined) return;
    const current = node.children.get(leaf);
    if (current?.kind === 'leaf' && current.value === value) return;
    node.children.set(leaf, { kind: 'leaf', value });
    this.changed({ moid, miid, path: names });
  }

  /** A change made by the device itself: makes sure an interior node exists. */
  ensureInterior(moid: string, miid: string, path: string): void {
    const inst = this.mos.get(moid)?.get(miid);
    if (inst === undefined) return;
    let node = inst.root;
    let created = false;
    for (const name of splitPath(path)) {
      let child = node.children.get(name);
      if (child?.kind !== 'node') {
        child = interior();
        node.children.set(name, child);
        created = true;
      }
      node = child;
    }
    if (created) this.changed({ moid, miid, path: splitPath(path) });
  }

  /** A removal made by the device itself (no access checks). */
  removeNode(moid: string, miid: string, path: string): void {
    const names = splitPath(path);
    const inst = this.mos.get(moid)?.get(miid);
    const parent = inst === undefined ? undefined : nodeAt(inst.root, names.slice(0, -1));
    const last = names.at(-1);
    if (parent?.kind !== 'node' || last === undefined || !parent.children.delete(last)) return;
    this.changed({ moid, miid, path: names });
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Parses a ClientURI; 400 when malformed. */
  parse(text: string): Outcome<ClientUri> {
    const parsed = parseClientUri(text);
    if (!parsed.ok) return refuse(STATUS.BAD_REQUEST, `malformed ClientURI: ${parsed.error.message}`);
    return ok(parsed.value);
  }

  resolve(uri: ClientUri): Outcome<Location[]> {
    return resolveExisting(uri, this.mos.get(uri.moid));
  }

  resolveWrite(uri: ClientUri): Outcome<WriteTarget> {
    return resolveWriteTarget(uri, this.mos.get(uri.moid));
  }

  /** GET / HPUT / HPOST / SUB read: 304 on a matching `cv`, 405 without Get access. */
  read(text: string): Outcome<ReadResult> {
    const uri = this.parse(text);
    if (!uri.ok) return uri;
    const found = this.resolve(uri.value);
    if (!found.ok) return found;
    const cv = uri.value.cv;
    if (cv !== undefined && found.value.every((l) => this.cv(l.moid, l.miid) === cv)) {
      return ok({ kind: 'not-modified' });
    }
    const items: MoSerialization = [];
    for (const location of found.value) {
      if (!this.allows(location.moid, location.path, 'Get')) {
        return refuse(STATUS.NOT_ALLOWED, `no Get access on ${locationUri(location)}`);
      }
      items.push(this.serialize(location));
    }
    return ok({ kind: 'data', items });
  }

  private serialize(location: Location): MoSerialization[number] {
    const { moid, miid, path } = location;
    const inst = this.mos.get(moid)?.get(miid);
    const nodes: FlatNode[] = [];
    const visit = (node: TreeNode, at: string[]): void => {
      if (at.length > path.length && !this.allows(moid, at, 'Get')) return; // unreadable, e.g. DMAcc secrets
      nodes.push({
        path: joinPath(at),
        value: node.kind === 'leaf' ? node.value : null,
        isLeaf: node.kind === 'leaf',
      });
      if (node.kind === 'node') for (const [name, child] of node.children) visit(child, [...at, name]);
    };
    const target = inst === undefined ? undefined : nodeAt(inst.root, path);
    if (target !== undefined) visit(target, path);
    const item = {
      ClientURI: locationUri(location),
      MOData: buildMoData(nodes, joinPath(path), this.rootName(moid)),
    };
    return path.length === 0 && inst !== undefined ? { ...item, CV: inst.cv } : item;
  }

  /**
   * HGET write: adds or replaces `nodes` (paths below the MO root) at the target. Checked as a
   * whole before anything changes: 405 for a permanent node it would create or a missing Add /
   * Replace access.
   */
  write(target: WriteTarget, nodes: readonly FlatNode[]): Outcome<Location> {
    const { moid, miid, path } = target.location;
    const inst = this.mos.get(moid)?.get(miid);
    const root = inst?.root ?? interior();
    const created = new Set<string>();
    const needsCreate = (names: string[]): Outcome<null> => {
      const key = joinPath(names);
      if (created.has(key) || (inst !== undefined && nodeAt(root, names) !== undefined)) return ok(null);
      if (names.length > 0) {
        const parent = needsCreate(names.slice(0, -1));
        if (!parent.ok) return parent;
      }
      // Only the topmost new node needs Add and a dynamic scope; its children come with it.
      const parentIsNew = names.length > 0 && created.has(joinPath(names.slice(0, -1)));
      if (!parentIsNew && (this.isPermanent(moid, names) || !this.allows(moid, names, 'Add'))) {
        return refuse(STATUS.NOT_ALLOWED, `cannot create ${key === '' ? 'the instance' : key}`);
      }
      created.add(key);
      return ok(null);
    };
    const sorted = [...nodes].sort((a, b) => splitPath(a.path).length - splitPath(b.path).length);
    for (const flat of sorted) {
      const names = splitPath(flat.path);
      if (!isPrefix(path, names) && !isPrefix(names, path)) continue;
      const existing = inst === undefined ? undefined : nodeAt(root, names);
      if (existing === undefined) {
        const check = needsCreate(names);
        if (!check.ok) return check;
      } else if ((existing.kind === 'leaf' || flat.isLeaf) && !this.allows(moid, names, 'Replace')) {
        return refuse(STATUS.NOT_ALLOWED, `no Replace access on ${flat.path}`);
      }
    }
    if (inst === undefined) {
      const check = needsCreate([]);
      if (!check.ok) return check;
    }
    for (const flat of sorted) {
      const names = splitPath(flat.path);
      if (isPrefix(path, names)) place(root, names, flat);
    }
    if (inst === undefined) {
      const instances = this.mos.get(moid) ?? new Map<string, Instance>();
      instances.set(miid, { root, cv: newCv() });
      this.mos.set(moid, instances);
    }
    this.changed({ moid, miid, path });
    return ok(target.location);
  }

  /** DELETE: 405 on a permanent node or without Delete access; the instance root removes the instance. */
  delete(text: string): Outcome<Location[]> {
    const uri = this.parse(text);
    if (!uri.ok) return uri;
    const found = this.resolve(uri.value);
    if (!found.ok) return found;
    for (const l of found.value) {
      if (this.isPermanent(l.moid, l.path) || !this.allows(l.moid, l.path, 'Delete')) {
        return refuse(STATUS.NOT_ALLOWED, `${locationUri(l)} cannot be deleted`);
      }
    }
    for (const l of found.value) {
      if (l.path.length === 0) {
        this.mos.get(l.moid)?.delete(l.miid);
        this.notify({ moid: l.moid, miid: l.miid, path: [] });
      } else {
        this.removeNode(l.moid, l.miid, joinPath(l.path));
      }
    }
    return ok(found.value);
  }

  private changed(change: MoChange): void {
    const inst = this.mos.get(change.moid)?.get(change.miid);
    if (inst !== undefined) inst.cv = newCv();
    this.notify(change);
  }

  private notify(change: MoChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

function place(root: InteriorNode, names: readonly string[], flat: FlatNode): void {
  let node = root;
  for (const [i, name] of names.entries()) {
    const last = i === names.length - 1;
    const child = node.children.get(name);
    if (last && flat.isLeaf) {
      node.children.set(name, { kind: 'leaf', value: flat.value ?? '' });
      return;
    }
    if (child?.kind === 'node') {
      node = child;
    } else {
      const fresh = interior();
      node.children.set(name, fresh);
      node = fresh;
    }
  }
}
