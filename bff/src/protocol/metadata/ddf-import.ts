import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  ACCESS_TYPES,
  findMetadata,
  moMetadataSchema,
  NODE_FORMATS,
  OCCURRENCES,
  type AccessType,
  type MoMetadata,
  type NodeFormat,
  type NodeMeta,
} from '@dmc/shared/metadata';

type XmlRecord = Record<string, unknown>;
export type DdfImportResult = { ok: true; value: MoMetadata } | { ok: false; error: string };

class DdfError extends Error {}

const PLACEHOLDER = '<x>';

function asRecord(v: unknown): XmlRecord | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlRecord) : undefined;
}

function asArray(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function records(v: unknown): XmlRecord[] {
  const out: XmlRecord[] = [];
  for (const item of asArray(v)) {
    const rec = asRecord(item);
    if (rec !== undefined) out.push(rec);
  }
  return out;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const rec = asRecord(v);
  return rec === undefined ? undefined : text(rec['#text']);
}

/** The names of the empty marker elements inside e.g. `<AccessType><Get/><Replace/></AccessType>`. */
function markers(v: unknown): string[] {
  const rec = asRecord(v);
  return rec === undefined ? [] : Object.keys(rec).filter((k) => k !== '#text');
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** DFType holds a MIME type (leaves) or a DDFName / MIME naming the MO (interior nodes). */
function dfTypeOf(props: XmlRecord | undefined): string | undefined {
  const t = asRecord(props?.DFType);
  return text(t?.DDFName) || text(t?.MIME) || undefined;
}

function nodeName(node: XmlRecord): string {
  return text(node.NodeName) ?? '';
}

function occurrence(v: unknown, where: string): Pick<NodeMeta, 'Occurrence' | 'MaxOccurrence'> {
  const rec = asRecord(v);
  const kind = markers(v)[0];
  if (kind === undefined) return {};
  if (!isOneOf(OCCURRENCES, kind)) throw new DdfError(`${where}: unknown Occurrence "${kind}"`);
  const n = Number(text(rec?.[kind]));
  return (kind === 'ZeroOrN' || kind === 'OneOrN') && Number.isInteger(n) && n > 0
    ? { Occurrence: kind, MaxOccurrence: n }
    : { Occurrence: kind };
}

function nodeMeta(props: XmlRecord, where: string, hasChildren: boolean): NodeMeta {
  const format = markers(props.DFFormat)[0];
  if (format === undefined) throw new DdfError(`${where}: DFProperties has no DFFormat`);
  if (!isOneOf(NODE_FORMATS, format)) throw new DdfError(`${where}: unknown DFFormat "${format}"`);
  if (hasChildren && format !== 'node')
    throw new DdfError(`${where}: a ${format} leaf cannot have child nodes`);
  // DM 2.0 keeps no Copy access (protocol §4).
  const access = markers(props.AccessType).filter((a): a is AccessType => isOneOf(ACCESS_TYPES, a));
  const meta: NodeMeta = {
    Format: format satisfies NodeFormat,
    AccessType: access,
    ...occurrence(props.Occurrence, where),
  };
  const scope = markers(props.Scope)[0];
  if (scope === 'Permanent' || scope === 'Dynamic') meta.Scope = scope;
  const caseSense = markers(props.CaseSense)[0];
  if (caseSense === 'CS' || caseSense === 'CIS') meta.CaseSense = caseSense;
  const dfType = dfTypeOf(props);
  if (dfType !== undefined) {
    if (format === 'node') meta.DFType = dfType;
    else meta.MIME = dfType;
  }
  for (const key of ['DefaultValue', 'Description', 'DFTitle'] as const) {
    const value = text(props[key]);
    if (value !== undefined && value !== '') meta[key] = value;
  }
  return meta;
}

function walk(node: XmlRecord, path: string, nodes: Record<string, NodeMeta>): void {
  const where = path === '' ? 'root node' : `node "${path}"`;
  const props = asRecord(node.DFProperties);
  if (props === undefined) throw new DdfError(`${where}: missing DFProperties`);
  const children = asArray(node.Node).map((c) => asRecord(c) ?? {});
  nodes[path] = nodeMeta(props, where, children.length > 0);
  const seen = new Set<string>();
  for (const child of children) {
    const name = nodeName(child) || PLACEHOLDER;
    if (name.includes('/')) throw new DdfError(`${where}: child name "${name}" contains "/"`);
    if (seen.has(name)) throw new DdfError(`${where}: two children named "${name}"`);
    seen.add(name);
    walk(child, path === '' ? name : `${path}/${name}`, nodes);
  }
}

function allNodes(tops: XmlRecord[]): XmlRecord[] {
  return tops.flatMap((n) => [n, ...allNodes(records(n.Node))]);
}

function pickRoot(tops: XmlRecord[], moid: string | undefined): XmlRecord {
  const typed = allNodes(tops).filter((n) => /^urn:/i.test(dfTypeOf(asRecord(n.DFProperties)) ?? ''));
  if (moid !== undefined) {
    const lower = moid.toLowerCase();
    const match = typed.find((n) => dfTypeOf(asRecord(n.DFProperties))?.toLowerCase() === lower);
    if (match !== undefined) return match;
  }
  if (tops.length === 1 && tops[0] !== undefined) return tops[0];
  if (typed.length === 1 && typed[0] !== undefined) return typed[0];
  throw new DdfError(
    `the DDF has ${tops.length} top-level nodes and none is marked with the MOID as its DFType`,
  );
}

/** 'urn:oma:mo:oma-fumo:1.0' → 'fumo': the root name when the DDF's root is unnamed and the MO is not a known one. */
function rootNameFromMoid(moid: string): string {
  const parts = moid.split(':');
  const name = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : moid;
  return name.replace(/^oma-(dm-)?/, '') || moid;
}

function importOrThrow(xml: string, moidArg: string | undefined): MoMetadata {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new DdfError(
      `not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => name === 'Node',
  });
  const doc = asRecord(parser.parse(xml) as unknown);
  const tree = asRecord(doc?.MgmtTree);
  if (tree === undefined) throw new DdfError('not a DDF: no MgmtTree element');
  const tops = records(tree.Node);
  if (tops.length === 0) throw new DdfError('the DDF describes no Node');
  const root = pickRoot(tops, moidArg);
  const moid = moidArg ?? dfTypeOf(asRecord(root.DFProperties));
  if (moid === undefined || moid === '') {
    throw new DdfError("the MOID is unknown: give it, or name it in the root node's DFType");
  }
  const nodes: Record<string, NodeMeta> = {};
  walk(root, '', nodes);
  const Root = nodeName(root) || findMetadata(moid)?.Root || rootNameFromMoid(moid);
  const result = moMetadataSchema.safeParse({ MOID: moid, Root, Nodes: nodes });
  if (!result.success) {
    throw new DdfError(
      `the DDF gives invalid meta-data: ${result.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return result.data;
}

/**
 * A DM 1.x DDF (XML) → the JSON meta-data document of protocol §5: unnamed nodes become `<x>`, the MOID is the
 * argument or the root's DFType (DDFName or MIME). Never throws.
 */
export function importDdf(xml: string, moid?: string): DdfImportResult {
  try {
    if (typeof xml !== 'string' || xml.trim() === '') return { ok: false, error: 'the DDF is empty' };
    return { ok: true, value: importOrThrow(xml, moid) };
  } catch (e) {
    return { ok: false, error: e instanceof DdfError ? e.message : `cannot read the DDF: ${String(e)}` };
  }
}
