// Shared pieces of the dry run: the problem list, ClientURI resolution, access and creation checks.
import type { DryRunProblem } from '../api/commands.schema';
import { findMetadata } from '../metadata/catalog';
import type { AccessType, MoMetadata, NodeMeta } from '../metadata/metadata.schema';
import { parseClientUri } from '../protocol/client-uri';
import {
  isKnown,
  metaOf,
  nodeLabel,
  parentPath,
  resolveTargets,
  targetUri,
  type DryRunTree,
  type Target,
} from './dry-run-tree';

type Code = DryRunProblem['code'];

export class Problems {
  readonly list: DryRunProblem[] = [];
  add(code: Code, message: string, clientUri: string | null): void {
    if (!this.list.some((p) => p.code === code && p.message === message && p.clientUri === clientUri)) {
      this.list.push({ code, message, clientUri });
    }
  }
}

export interface Ctx {
  tree: DryRunTree;
  extra: readonly MoMetadata[];
  problems: Problems;
}

const VERB: Record<AccessType, string> = {
  Get: 'reading',
  Replace: 'writing',
  Add: 'creating',
  Delete: 'deleting',
  Exec: 'executing',
};

export function allows(meta: NodeMeta): string {
  return meta.AccessType.length > 0 ? `allows only ${meta.AccessType.join(', ')}` : 'allows nothing';
}

/** Parses and resolves one ClientURI, reporting why it cannot be used. */
export function targetsOf(ctx: Ctx, raw: string | undefined, forWrite: boolean): Target[] {
  if (raw === undefined) return [];
  const parsed = parseClientUri(raw);
  if (!parsed.ok) {
    const { index, message } = parsed.error;
    ctx.problems.add('MALFORMED_URI', `the ClientURI is malformed at character ${index}: ${message}`, raw);
    return [];
  }
  const resolved = resolveTargets(
    parsed.value,
    ctx.tree,
    findMetadata(parsed.value.moid, ctx.extra),
    forWrite,
  );
  if (!resolved.ok) {
    ctx.problems.add(resolved.code, resolved.message, raw);
    return [];
  }
  return resolved.targets;
}

/** The node must exist and allow `need`. */
export function requireAccess(ctx: Ctx, t: Target, need: AccessType): void {
  if (!isKnown(t, t.path)) {
    ctx.problems.add(
      'UNKNOWN_NODE',
      `${nodeLabel(t)} is not in the device's stored tree${t.doc ? ' and its meta-data does not describe it' : ''}`,
      targetUri(t),
    );
    return;
  }
  const meta = metaOf(t, t.path);
  if (meta && !meta.AccessType.includes(need)) {
    ctx.problems.add(
      'ACCESS_DENIED',
      `${nodeLabel(t)} ${allows(meta)}; ${VERB[need]} it needs ${need}`,
      targetUri(t),
    );
  }
}

export function maxOccurrence(meta: NodeMeta): number {
  switch (meta.Occurrence) {
    case 'One':
    case 'ZeroOrOne':
      return 1;
    case 'ZeroOrN':
    case 'OneOrN':
      return meta.MaxOccurrence ?? Number.POSITIVE_INFINITY;
    case 'ZeroOrMore':
    case 'OneOrMore':
    case undefined:
      return Number.POSITIVE_INFINITY;
  }
}

/** Stored siblings of `path` that share its meta-data (the instances of one `<x>` node). */
export function siblingsLike(t: Target, path: string, meta: NodeMeta): string[] {
  const parent = parentPath(path);
  return [...t.stored].filter(
    (p) => p !== '' && p !== path && parentPath(p) === parent && metaOf(t, p) === meta,
  );
}

/** Creating the node at `path` (its parent exists): dynamic, Add, and room under its occurrence. */
export function checkCreate(ctx: Ctx, t: Target, path: string): void {
  const meta = metaOf(t, path);
  const uri = targetUri(t, path);
  if (!meta) {
    if (t.doc)
      ctx.problems.add(
        'UNKNOWN_NODE',
        `the meta-data of ${nodeLabel(t, '')} has no node like ${nodeLabel(t, path)}`,
        uri,
      );
    return;
  }
  if (meta.Scope !== 'Dynamic') {
    ctx.problems.add(
      'PERMANENT_NODE',
      `${nodeLabel(t, path)} is a permanent node the device does not have; permanent nodes cannot be created`,
      uri,
    );
    return;
  }
  if (!meta.AccessType.includes('Add')) {
    ctx.problems.add('ACCESS_DENIED', `${nodeLabel(t, path)} ${allows(meta)}; creating it needs Add`, uri);
  }
  const existing = siblingsLike(t, path, meta).length;
  const max = maxOccurrence(meta);
  if (existing + 1 > max) {
    ctx.problems.add(
      'OCCURRENCE',
      `${nodeLabel(t, parentPath(path))} may hold at most ${max} such node${max === 1 ? '' : 's'} (${meta.Occurrence ?? 'One'}) and already has ${existing}`,
      uri,
    );
  }
}
