// Checks a command against the device's stored tree and the meta-data before it is queued (product:
// "validate before sending"). Pure: the caller loads the tree; the result says why the device would
// refuse the command, in plain language.
import type { DryRunResult, QueueCommandInput } from '../api/commands.schema';
import type { MoMetadata } from '../metadata/metadata.schema';
import { clientUrisOf } from '../protocol/command-uris';
import { Problems, requireAccess, siblingsLike, targetsOf, type Ctx } from './dry-run-checks';
import { isKnown, metaOf, nodeLabel, targetUri, type DryRunTree, type Target } from './dry-run-tree';
import { checkHget } from './dry-run-write';

export type { DryRunTree } from './dry-run-tree';

function checkDelete(ctx: Ctx, t: Target): void {
  if (!isKnown(t, t.path)) {
    requireAccess(ctx, t, 'Delete');
    return;
  }
  const meta = metaOf(t, t.path);
  if (!meta) return;
  if (meta.Scope === 'Permanent' && meta.Format === 'node' && t.path === '') {
    ctx.problems.add(
      'PERMANENT_NODE',
      `${nodeLabel(t)} is the root of a permanent MO instance; it cannot be deleted`,
      targetUri(t),
    );
    return;
  }
  if (meta.Scope === 'Permanent') {
    ctx.problems.add(
      'PERMANENT_NODE',
      `${nodeLabel(t)} is a permanent node; it cannot be deleted`,
      targetUri(t),
    );
    return;
  }
  requireAccess(ctx, t, 'Delete');
  const needsOne = meta.Occurrence === 'OneOrMore' || meta.Occurrence === 'OneOrN';
  if (needsOne && siblingsLike(t, t.path, meta).length === 0) {
    ctx.problems.add(
      'OCCURRENCE',
      `${nodeLabel(t)} is the last of its kind and ${meta.Occurrence} requires one`,
      targetUri(t),
    );
  }
}

/**
 * What would go wrong if `input` were queued for a device whose reported instances and stored nodes
 * are `tree`; `extraMetadata` (imported DDFs) is consulted before the standard meta-data.
 */
export function dryRunCommand(
  input: QueueCommandInput,
  tree: DryRunTree,
  extraMetadata: readonly MoMetadata[] = [],
): DryRunResult {
  const ctx: Ctx = { tree, extra: extraMetadata, problems: new Problems() };
  const command = input.command as readonly (string | null)[];
  const uris = clientUrisOf(command).map((c) => c.uri);
  const target = uris[0];
  switch (input.command[0]) {
    case 'HGET':
      checkHget(ctx, input, command);
      break;
    case 'GET':
    case 'HPUT':
    case 'HPOST':
    case 'SUB':
      for (const uri of uris) {
        for (const t of targetsOf(ctx, uri, false)) requireAccess(ctx, t, 'Get');
      }
      break;
    case 'DELETE':
      for (const t of targetsOf(ctx, target, false)) checkDelete(ctx, t);
      break;
    case 'EXEC':
      for (const t of targetsOf(ctx, target, false)) requireAccess(ctx, t, 'Exec');
      break;
    case 'UNSUB':
      targetsOf(ctx, target, false);
      break;
    case 'SHOW':
    case 'DEFAULT':
      break;
  }
  return { ok: ctx.problems.list.length === 0, problems: ctx.problems.list };
}
