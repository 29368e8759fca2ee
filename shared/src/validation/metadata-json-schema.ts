import type { MoMetadata, NodeMeta } from '../metadata/metadata.schema';
import { FORMAT_PATTERNS } from './value-format';

/** A JSON Schema (draft-07) document or sub-schema. */
export type JsonSchema = { [keyword: string]: unknown };

const PLACEHOLDER = /^<[^<>/]+>$/;

function childKeys(doc: MoMetadata): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const key of Object.keys(doc.Nodes)) {
    if (key === '') continue;
    // Every ancestor gets its child, even when the document has no entry for the ancestor itself.
    const segments = key.split('/');
    for (let depth = 1; depth <= segments.length; depth += 1) {
      const parent = segments.slice(0, depth - 1).join('/');
      const child = segments.slice(0, depth).join('/');
      const list = children.get(parent) ?? [];
      if (!list.includes(child)) list.push(child);
      children.set(parent, list);
    }
  }
  return children;
}

function annotations(meta: NodeMeta | undefined): JsonSchema {
  const out: JsonSchema = {};
  if (meta?.DFTitle !== undefined) out.title = meta.DFTitle;
  if (meta?.Description !== undefined) out.description = meta.Description;
  if (meta?.DefaultValue !== undefined) out.default = meta.DefaultValue;
  return out;
}

/** Leaves are strings; numbers and booleans are accepted where the format is numeric or boolean (protocol §5). */
function leafSchema(meta: NodeMeta): JsonSchema {
  const types: Record<string, string[]> = {
    int: ['string', 'integer', 'null'],
    float: ['string', 'number', 'null'],
    bool: ['string', 'boolean', 'null'],
  };
  const schema: JsonSchema = { type: types[meta.Format] ?? ['string', 'null'], ...annotations(meta) };
  const pattern = FORMAT_PATTERNS[meta.Format];
  if (pattern !== undefined) schema.pattern = pattern;
  if (meta.Format === 'null') schema.maxLength = 0;
  if (!meta.AccessType.includes('Replace')) schema.readOnly = true;
  return schema;
}

function isRequired(meta: NodeMeta | undefined): boolean {
  const occurrence = meta?.Occurrence ?? 'One';
  return occurrence === 'One' || occurrence === 'OneOrMore' || occurrence === 'OneOrN';
}

function maxOf(meta: NodeMeta | undefined): number | undefined {
  if (meta?.Occurrence === 'ZeroOrOne' || meta?.Occurrence === 'One') return 1;
  if (meta?.Occurrence === 'ZeroOrN' || meta?.Occurrence === 'OneOrN') return meta.MaxOccurrence;
  return undefined;
}

function nodeSchema(doc: MoMetadata, children: Map<string, string[]>, key: string): JsonSchema {
  const meta = Object.hasOwn(doc.Nodes, key) ? doc.Nodes[key] : undefined;
  if (meta && meta.Format !== 'node') return leafSchema(meta);
  const kids = children.get(key) ?? [];
  const schema: JsonSchema = { type: 'object', ...annotations(meta) };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  let placeholder: string | undefined;
  for (const child of kids) {
    const name = child.split('/').at(-1) ?? child;
    if (PLACEHOLDER.test(name)) {
      placeholder = child;
      continue;
    }
    properties[name] = nodeSchema(doc, children, child);
    if (isRequired(doc.Nodes[child])) required.push(name);
  }
  if (kids.length > 0) schema.properties = properties;
  if (required.length > 0) schema.required = required;
  if (placeholder !== undefined) {
    schema.additionalProperties = nodeSchema(doc, children, placeholder);
    const max = maxOf(doc.Nodes[placeholder]);
    if (max !== undefined) schema.maxProperties = Object.keys(properties).length + max;
  } else if (kids.length > 0) {
    // Interior nodes without any child in the meta-data (Ext) stay open for vendor extensions.
    schema.additionalProperties = false;
  }
  return schema;
}

/**
 * A JSON Schema for the MOData of a whole MO instance, `{ "<Root>": { … } }` (protocol §5), derived
 * from the meta-data: nodes and their names, leaf formats as patterns, required nodes by occurrence,
 * `<x>` nodes as additional properties, descriptions as annotations.
 */
export function metadataToJsonSchema(doc: MoMetadata): JsonSchema {
  const children = childKeys(doc);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `urn:dmc:schema:${doc.MOID}`,
    title: doc.Root,
    description: `MO data of one ${doc.MOID} instance`,
    type: 'object',
    properties: { [doc.Root]: nodeSchema(doc, children, '') },
    required: [doc.Root],
    additionalProperties: false,
  };
}
