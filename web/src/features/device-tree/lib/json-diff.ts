import type { TreeInstance } from '@dmc/shared/api';
import { buildMoData, flattenMoData, moDataSchema, type FlatNode } from '@dmc/shared/protocol';
import { addChange, deleteChange, editChange, type StagedChangeDraft } from './staged-change';

/** The stored nodes of an instance as MOData `{ <Root>: { … } }` (protocol §5), for the JSON view. */
export function instanceToMoData(instance: TreeInstance, rootName: string) {
  const nodes = instanceToMoDataNodes(instance);
  if (!nodes.some((n) => n.path === '')) nodes.push({ path: '', value: null, isLeaf: false });
  return buildMoData(nodes, '', rootName);
}

/**
 * The staged changes that turn the stored instance into `edited` (parsed JSON of the whole instance):
 * changed leaves become HGET writes, new subtrees one HGET each, removed subtrees one DELETE each.
 */
export function diffInstanceJson(
  instance: TreeInstance,
  rootName: string,
  edited: unknown,
): { ok: true; changes: StagedChangeDraft[] } | { ok: false; error: string } {
  const data = moDataSchema.safeParse(edited);
  if (!data.success) return { ok: false, error: 'The JSON must be an object of nodes (objects) and leaves.' };
  const flat = flattenMoData(data.data, '', rootName);
  if (!flat.ok) return { ok: false, error: flat.error };
  const after = new Map(flat.nodes.map((n) => [n.path, n]));
  const before = new Map(instanceToMoDataNodes(instance).map((n) => [n.path, n]));
  const ref = (path: string) => ({ moid: instance.moid, miid: instance.miid, path });
  const changes: StagedChangeDraft[] = [];
  const added: string[] = [];
  const isUnder = (path: string, list: readonly string[]) => list.some((p) => path.startsWith(`${p}/`));
  for (const node of flat.nodes) {
    if (node.path === '') continue;
    const old = before.get(node.path);
    if (old) {
      if (node.isLeaf && old.isLeaf && node.value !== old.value) {
        changes.push(editChange(ref(node.path), old.value, node.value ?? ''));
      }
    } else if (!isUnder(node.path, added)) {
      added.push(node.path);
      changes.push(addChange(ref(node.path), buildMoData(flat.nodes, node.path, rootName)));
    }
  }
  const removed: string[] = [];
  const byDepth = [...before.values()].sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  for (const old of byDepth) {
    if (old.path === '' || after.has(old.path) || isUnder(old.path, removed)) continue;
    removed.push(old.path);
    changes.push(deleteChange(ref(old.path)));
  }
  return { ok: true, changes };
}

function instanceToMoDataNodes(instance: TreeInstance): FlatNode[] {
  return instance.nodes.map((n) => ({
    path: n.path,
    value: n.format === 'node' ? null : n.value,
    isLeaf: n.format !== 'node',
  }));
}
