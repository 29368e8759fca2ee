// HGET writes in the dry run: formats of the data, Replace on existing leaves, creation of new nodes.
import type { QueueCommandInput } from '../api/commands.schema';
import { findMetadata } from '../metadata/catalog';
import { parseClientUri, type ClientUri } from '../protocol/client-uri';
import { serverUriOf, targetClientUri } from '../protocol/command-uris';
import { flattenMoData } from '../protocol/mo-data';
import { allows, checkCreate, requireAccess, targetsOf, type Ctx } from './dry-run-checks';
import { isKnown, metaOf, nodeLabel, parentPath, sameMoid, targetUri, type Target } from './dry-run-tree';
import { checkValueFormat } from './value-format';

/** A leaf or subtree the HGET would write: format of every node, access of existing leaves, creation of new ones. */
function checkWrite(ctx: Ctx, t: Target, data: QueueCommandInput['data']): void {
  if (data === undefined) {
    const meta = metaOf(t, t.path);
    if (!isKnown(t, t.path)) checkCreate(ctx, t, t.path);
    else if (meta && meta.Format !== 'node') requireAccess(ctx, t, 'Replace');
    return;
  }
  const root = t.doc?.Root ?? t.moid.split(':').at(-2) ?? '';
  const flat = flattenMoData(data, t.path, root);
  if (!flat.ok) {
    ctx.problems.add('WRONG_FORMAT', `the data does not fit ${nodeLabel(t)}: ${flat.error}`, targetUri(t));
    return;
  }
  for (const node of flat.nodes) {
    const meta = metaOf(t, node.path);
    const uri = targetUri(t, node.path);
    const label = nodeLabel(t, node.path);
    if (meta) {
      if (node.isLeaf && node.value !== null && meta.Format === 'node') {
        ctx.problems.add('WRONG_FORMAT', `${label} is an interior node: it holds nodes, not a value`, uri);
      } else if (!node.isLeaf && meta.Format !== 'node') {
        ctx.problems.add(
          'WRONG_FORMAT',
          `${label} is a leaf of format ${meta.Format}: it takes a value, not nodes`,
          uri,
        );
      } else if (node.isLeaf && meta.Format !== 'node') {
        const fault = checkValueFormat(meta.Format, node.value);
        if (fault) ctx.problems.add('WRONG_FORMAT', `${label}: ${fault}`, uri);
      }
    }
    if (t.isNewInstance) continue;
    const parentKnown = node.path === '' || isKnown(t, parentPath(node.path));
    if (isKnown(t, node.path)) {
      if (node.isLeaf && meta && meta.Format !== 'node' && !meta.AccessType.includes('Replace')) {
        ctx.problems.add('ACCESS_DENIED', `${label} ${allows(meta)}; writing it needs Replace`, uri);
      }
    } else if (parentKnown) checkCreate(ctx, t, node.path);
  }
}

export function checkHget(ctx: Ctx, input: QueueCommandInput, command: readonly (string | null)[]): void {
  const hosted = serverUriOf(command) === null;
  const clientUri = targetClientUri(command);
  if (hosted && input.data === undefined) {
    ctx.problems.add(
      'MISSING_DATA',
      'an HGET with a server-hosted source needs data: the MOData to write',
      clientUri ?? null,
    );
    return;
  }
  if (clientUri !== undefined) {
    for (const t of targetsOf(ctx, clientUri, true)) checkWrite(ctx, t, hosted ? input.data : undefined);
    return;
  }
  // No ClientURI: the device chooses the MIID of a new instance; dataUri says which MO.
  if (input.dataUri === undefined) {
    ctx.problems.add(
      'MISSING_DATA',
      'an HGET without a ClientURI needs dataUri naming where the data goes',
      null,
    );
    return;
  }
  const parsed = parseClientUri(input.dataUri);
  if (!parsed.ok) {
    targetsOf(ctx, input.dataUri, true);
    return;
  }
  const uri: ClientUri = parsed.value;
  if (!ctx.tree.instances.some((i) => sameMoid(i.moid, uri.moid))) {
    ctx.problems.add('MO_NOT_REPORTED', `the device never reported the MO ${uri.moid}`, input.dataUri);
    return;
  }
  const fresh: Target = {
    moid: uri.moid,
    miid: '',
    path: uri.path.map((s) => (s.kind === 'name' ? s.name : '*')).join('/'),
    doc: findMetadata(uri.moid, ctx.extra),
    stored: new Set(),
    isNewInstance: true,
  };
  checkWrite(ctx, fresh, input.data);
}
