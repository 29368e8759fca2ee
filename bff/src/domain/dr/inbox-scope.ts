// What an upload inbox may write (protocol §1, §12): only the subtrees its command named. An HPUT or
// HPOST inbox takes the command's ClientURIs, a SUB inbox the ClientURI it watches. `*` and x-names
// in them match any name; `MOID//` (the only instance) matches the device's only stored instance of
// the MO, or any instance when it has not exactly one.
import { clientUrisOf, parseClientUri, type ClientUri, type MoSerialization } from '@dmc/shared/protocol';
import type { CommandRow, InboxRow, MoInstanceRow } from '../../persistence/ports';

/** The ClientURIs (parsed) an inbox's uploads must fall under. */
export function inboxScope(inbox: InboxRow, command: CommandRow | undefined): ClientUri[] {
  const named =
    inbox.kind === 'SUB' && inbox.clientUri !== null
      ? [inbox.clientUri]
      : clientUrisOf(command?.command ?? []).map((c) => c.uri);
  return named.flatMap((uri) => {
    const parsed = parseClientUri(uri);
    return parsed.ok ? [parsed.value] : [];
  });
}

/** The MIID an `only` or named instance stands for among the stored instances, if one. */
function miidOf(uri: ClientUri, instances: readonly MoInstanceRow[]): string | undefined {
  if (uri.instance.kind === 'miid') return uri.instance.miid;
  if (uri.instance.kind !== 'only') return undefined;
  const matches = instances.filter((i) => i.moid === uri.moid);
  return matches.length === 1 ? matches[0]?.miid : undefined;
}

/** True when the concrete node `item` addresses lies at or below `scope`. */
function covers(scope: ClientUri, item: ClientUri, instances: readonly MoInstanceRow[]): boolean {
  if (scope.moid !== item.moid) return false;
  const scoped = miidOf(scope, instances);
  if (scoped !== undefined && miidOf(item, instances) !== scoped) return false;
  if (scope.path.length > item.path.length) return false;
  return scope.path.every((segment, i) => {
    const own = item.path[i];
    return segment.kind !== 'name' || (own?.kind === 'name' && own.name === segment.name);
  });
}

/**
 * The ClientURIs of upload items that would write outside the scope. Items whose ClientURI is
 * malformed or names no concrete node are left to the tree writer, which stores nothing of them.
 */
export function outsideScope(
  items: MoSerialization,
  scope: readonly ClientUri[],
  instances: readonly MoInstanceRow[],
): string[] {
  const outside: string[] = [];
  for (const item of items) {
    const parsed = parseClientUri(item.ClientURI);
    if (!parsed.ok) continue;
    const uri = parsed.value;
    const isConcreteNode =
      (uri.instance.kind === 'miid' || uri.instance.kind === 'only') &&
      uri.path.every((s) => s.kind === 'name');
    if (!isConcreteNode) continue;
    if (!scope.some((s) => covers(s, uri, instances))) outside.push(item.ClientURI);
  }
  return outside;
}

/**
 * True when a SUB watches a named instance the device no longer has (its MOS no longer lists it):
 * the subscription is orphaned, and an upload must not bring the instance back.
 */
export function watchesGoneInstance(
  scope: readonly ClientUri[],
  instances: readonly MoInstanceRow[],
): boolean {
  return scope.some(
    (s) =>
      s.instance.kind === 'miid' &&
      !instances.some((i) => i.moid === s.moid && s.instance.kind === 'miid' && i.miid === s.instance.miid),
  );
}
