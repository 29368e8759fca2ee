// Tree targets of a fleet query: `@FUMO/State` (a meta-data Root alias, any instance) or
// `tree["urn:oma:mo:oma-fumo:1.0//State"]` (ClientURI-like `MOID/MIID/path`, MIID empty or `*` for
// any instance; protocol §5.1 ClientURI).
import { STANDARD_METADATA } from '../metadata/catalog';

export interface TreeRefParts {
  moid: string;
  miid: string | null;
  path: string[];
}

/** A problem at `index` within the text that was parsed. */
export interface TreeRefFault {
  index: number;
  message: string;
}

/** A path segment that can be written without quotes. */
export const SHORT_SEGMENT = /^[A-Za-z0-9_.*-]+$/;

/** Meta-data Root names usable as MO aliases, each with the MOIDs it stands for. */
export const MO_ALIASES: readonly { alias: string; moids: readonly string[] }[] = (() => {
  const byRoot = new Map<string, string[]>();
  for (const doc of STANDARD_METADATA) byRoot.set(doc.Root, [...(byRoot.get(doc.Root) ?? []), doc.MOID]);
  return [...byRoot].map(([alias, moids]) => ({ alias, moids }));
})();

export function isUrn(moid: string): boolean {
  return /^urn:/i.test(moid);
}

/** The canonical spelling of an alias (case-insensitive), or undefined for an unknown one. */
export function canonicalAlias(alias: string): string | undefined {
  const lower = alias.toLowerCase();
  return MO_ALIASES.find((a) => a.alias.toLowerCase() === lower)?.alias;
}

/** The MOIDs a tree target's `moid` stands for: itself (a URN) or those of an alias. */
export function moidsOf(moid: string): readonly string[] {
  if (isUrn(moid)) return [moid];
  const lower = moid.toLowerCase();
  return MO_ALIASES.find((a) => a.alias.toLowerCase() === lower)?.moids ?? [];
}

function resolveMo(moid: string): string | TreeRefFault {
  if (moid === '') return { index: 0, message: 'Name an MO: a URN or one of ' + aliasList() };
  if (isUrn(moid)) return moid;
  return (
    canonicalAlias(moid) ?? { index: 0, message: `Unknown MO "${moid}": use a URN or one of ${aliasList()}` }
  );
}

function aliasList(): string {
  return MO_ALIASES.map((a) => a.alias).join(', ');
}

function splitPath(raw: string, offset: number): string[] | TreeRefFault {
  if (raw === '') return { index: offset, message: 'Name a node below the MO root, e.g. State' };
  const segments = raw.split('/');
  let index = offset;
  for (const segment of segments) {
    if (segment === '') return { index, message: 'The node path has an empty segment ("//")' };
    index += segment.length + 1;
  }
  return segments;
}

/** Parses the short form after the `@`: `Alias/path…`. */
export function parseShortTreeRef(text: string): TreeRefParts | TreeRefFault {
  const slash = text.indexOf('/');
  const mo = resolveMo(slash < 0 ? text : text.slice(0, slash));
  if (typeof mo !== 'string') return mo;
  if (isUrn(mo)) return { index: 0, message: 'Write URNs as tree["urn:…//path"]' };
  const path = splitPath(slash < 0 ? '' : text.slice(slash + 1), slash < 0 ? text.length : slash + 1);
  return Array.isArray(path) ? { moid: mo, miid: null, path } : path;
}

/** Parses the bracket form's string: `MOID/MIID/path…`. */
export function parseUriTreeRef(text: string): TreeRefParts | TreeRefFault {
  const first = text.indexOf('/');
  if (first < 0)
    return { index: text.length, message: 'Expected MOID/MIID/path, e.g. urn:oma:mo:oma-fumo:1.0//State' };
  const mo = resolveMo(text.slice(0, first));
  if (typeof mo !== 'string') return mo;
  const second = text.indexOf('/', first + 1);
  if (second < 0)
    return {
      index: text.length,
      message: 'Expected MOID/MIID/path: add the MIID (or nothing for any instance) and a path',
    };
  const miid = text.slice(first + 1, second);
  const path = splitPath(text.slice(second + 1), second + 1);
  if (!Array.isArray(path)) return path;
  return { moid: mo, miid: miid === '' || miid === '*' ? null : miid, path };
}

export function isTreeRefFault(value: TreeRefParts | TreeRefFault): value is TreeRefFault {
  return 'message' in value;
}
