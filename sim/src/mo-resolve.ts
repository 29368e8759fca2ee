import type { ClientUri, NvCondition, SegmentRef } from '@dmc/shared/protocol';
import { STATUS } from '@dmc/shared/protocol';
import { nodeAt, type InteriorNode, type TreeNode } from './mo-tree';
import { ok, refuse, type Outcome } from './result';

/** One concrete node: MO, instance and the path of names below the MO root. */
export interface Location {
  moid: string;
  miid: string;
  path: string[];
}

/** A write target: where the data goes, and whether the instance already exists. */
export interface WriteTarget {
  location: Location;
  instanceExists: boolean;
}

export type InstanceMap = ReadonlyMap<string, { root: InteriorNode }>;

interface Candidate {
  miid: string;
  path: string[];
  node: TreeNode;
}

function nvMatches(base: TreeNode, conditions: readonly NvCondition[]): boolean {
  return conditions.every((c) => {
    const node = base.kind === 'node' ? nodeAt(base, c.path) : undefined;
    return node?.kind === 'leaf' && node.value === c.value;
  });
}

function conditionsFor(uri: ClientUri, xname: string): Outcome<NvCondition[]> {
  const conditions = uri.nv.filter((c) => c.xname === xname);
  if (conditions.length === 0) return refuse(STATUS.BAD_REQUEST, `x-name ${xname} has no nv= condition`);
  return ok(conditions);
}

/** The instances the instance part names (protocol §5.1: MIID, "" = only, *, x-name). */
function resolveInstances(uri: ClientUri, instances: InstanceMap): Outcome<Candidate[]> {
  const all = [...instances].map(([miid, inst]) => ({ miid, path: [], node: inst.root }));
  const ref = uri.instance;
  switch (ref.kind) {
    case 'miid': {
      const inst = instances.get(ref.miid);
      return inst === undefined
        ? refuse(STATUS.NOT_FOUND, `no instance ${ref.miid}`)
        : ok([{ miid: ref.miid, path: [], node: inst.root }]);
    }
    case 'only':
      if (all.length === 0) return refuse(STATUS.NOT_FOUND, 'the MO has no instance');
      if (all.length > 1) return refuse(STATUS.CONFLICT, `"//" is ambiguous: ${all.length} instances`);
      return ok(all);
    case 'all':
      return all.length === 0 ? refuse(STATUS.NOT_FOUND, 'the MO has no instance') : ok(all);
    case 'xname': {
      const conditions = conditionsFor(uri, ref.name);
      if (!conditions.ok) return conditions;
      const matched = all.filter((c) => nvMatches(c.node, conditions.value));
      return matched.length === 0
        ? refuse(STATUS.CONFLICT, `no instance satisfies ${ref.name}`)
        : ok(matched);
    }
  }
}

function step(uri: ClientUri, current: Candidate[], segment: SegmentRef): Outcome<Candidate[]> {
  const next: Candidate[] = [];
  let conditions: NvCondition[] = [];
  if (segment.kind === 'xname') {
    const found = conditionsFor(uri, segment.name);
    if (!found.ok) return found;
    conditions = found.value;
  }
  for (const c of current) {
    if (c.node.kind !== 'node') continue;
    for (const [name, child] of c.node.children) {
      const wanted =
        segment.kind === 'all' ||
        (segment.kind === 'name' && segment.name === name) ||
        (segment.kind === 'xname' && nvMatches(child, conditions));
      if (wanted) next.push({ miid: c.miid, path: [...c.path, name], node: child });
    }
  }
  return ok(next);
}

/** Every existing node a ClientURI addresses; 404 when none, 409 when an x-name resolves to none. */
export function resolveExisting(uri: ClientUri, instances: InstanceMap | undefined): Outcome<Location[]> {
  if (instances === undefined) return refuse(STATUS.NOT_FOUND, `unsupported MO ${uri.moid}`);
  const start = resolveInstances(uri, instances);
  if (!start.ok) return start;
  let current = start.value;
  for (const segment of uri.path) {
    const next = step(uri, current, segment);
    if (!next.ok) return next;
    current = next.value;
  }
  if (current.length === 0) {
    const placeholder = uri.path.some((s) => s.kind === 'xname');
    return placeholder
      ? refuse(STATUS.CONFLICT, 'the x-names resolve to no node')
      : refuse(STATUS.NOT_FOUND, 'no such node');
  }
  return ok(current.map((c) => ({ moid: uri.moid, miid: c.miid, path: c.path })));
}

/**
 * The single location a write (HGET) goes to. The last segment may name a node that does not
 * exist yet, but its parent must (404); an MIID may name a new instance.
 */
export function resolveWriteTarget(uri: ClientUri, instances: InstanceMap | undefined): Outcome<WriteTarget> {
  if (instances === undefined) return refuse(STATUS.NOT_FOUND, `unsupported MO ${uri.moid}`);
  if (uri.instance.kind === 'miid' && !instances.has(uri.instance.miid)) {
    if (uri.path.length > 0) return refuse(STATUS.NOT_FOUND, `no instance ${uri.instance.miid}`);
    return ok({ location: { moid: uri.moid, miid: uri.instance.miid, path: [] }, instanceExists: false });
  }
  const last = uri.path.at(-1);
  if (last?.kind !== 'name') {
    return single(resolveExisting(uri, instances), (location) => ok({ location, instanceExists: true }));
  }
  const parentUri: ClientUri = { ...uri, path: uri.path.slice(0, -1) };
  return single(resolveExisting(parentUri, instances), (parent) => {
    const inst = instances.get(parent.miid);
    const node = inst === undefined ? undefined : nodeAt(inst.root, parent.path);
    if (node?.kind !== 'node') return refuse(STATUS.NOT_FOUND, 'the target parent is not an interior node');
    return ok({ location: { ...parent, path: [...parent.path, last.name] }, instanceExists: true });
  });
}

function single<T>(found: Outcome<Location[]>, make: (location: Location) => Outcome<T>): Outcome<T> {
  if (!found.ok) return found;
  const [location, ...rest] = found.value;
  if (location === undefined) return refuse(STATUS.NOT_FOUND, 'no such node');
  if (rest.length > 0) return refuse(STATUS.CONFLICT, `the ClientURI addresses ${found.value.length} nodes`);
  return make(location);
}
