// What a profile is checked against before it is stored (protocol §14): its query by the fleet query
// parser (a 400 names the offset, as for saved views), its node and EXEC URIs as concrete ClientURIs
// of a node below an MO root, kept in their canonical form so two spellings of one node are one node.
import type { ProfileExec, ProfileNode } from '@dmc/shared/api';
import { formatClientUri, isConcrete, parseClientUri } from '@dmc/shared/protocol';
import { parseQuery } from '@dmc/shared/query';
import type { ProfileMatcher, ProfileRow } from '../../persistence/ports';
import { deviceFilterOf } from '../devices/device-query';
import { InputError } from '../errors';

/** Throws InputError (with the offset of the error) unless `query` parses. */
export function checkProfileQuery(query: string, now: Date): void {
  deviceFilterOf(query, now);
}

/** The canonical text of a concrete ClientURI naming one node below an MO root; InputError otherwise. */
function concreteNodeUri(uri: string, what: string): string {
  const parsed = parseClientUri(uri);
  if (!parsed.ok)
    throw new InputError(`${what} "${uri}" is not a ClientURI: ${parsed.error.message}.`, {
      uri,
      offset: parsed.error.index,
    });
  const value = parsed.value;
  if (!isConcrete(value) || value.path.length === 0 || value.nv.length > 0 || value.cv !== undefined)
    throw new InputError(
      `${what} "${uri}" must name one node below an MO instance: no "*", x-names, nv or cv, and not the root.`,
      { uri },
    );
  return formatClientUri(value);
}

/** The nodes with canonical URIs; InputError when one is not concrete or two name one node. */
export function checkProfileNodes(nodes: readonly ProfileNode[]): ProfileNode[] {
  const seen = new Set<string>();
  return nodes.map((node, i) => {
    const uri = concreteNodeUri(node.uri, `Node ${i + 1}'s URI`);
    if (seen.has(uri)) throw new InputError(`Node ${i + 1} names ${uri} a second time.`, { uri });
    seen.add(uri);
    return { uri, value: node.value };
  });
}

export function checkProfileExecs(execs: readonly ProfileExec[]): ProfileExec[] {
  return execs.map((exec, i) => {
    const uri = concreteNodeUri(exec.uri, `EXEC ${i + 1}'s URI`);
    return exec.data === undefined ? { uri } : { uri, data: exec.data };
  });
}

/**
 * The parsed query of a stored profile, for membership checks (a blank query: every device);
 * undefined when it no longer parses (it was checked when saved), so the profile matches nothing.
 */
export function matcherOf(row: Pick<ProfileRow, 'id' | 'query'>): ProfileMatcher | undefined {
  const parsed = parseQuery(row.query);
  return parsed.ok ? { profileId: row.id, expr: parsed.expr } : undefined;
}
