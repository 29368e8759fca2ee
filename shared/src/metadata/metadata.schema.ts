import { z } from 'zod';

/** DDF formats DM 2.0 keeps (protocol §5.4). */
export const NODE_FORMATS = [
  'node',
  'null',
  'b64',
  'bin',
  'bool',
  'chr',
  'int',
  'xml',
  'date',
  'time',
  'float',
] as const;
export const nodeFormatSchema = z.enum(NODE_FORMATS);
export type NodeFormat = z.infer<typeof nodeFormatSchema>;

export const ACCESS_TYPES = ['Add', 'Delete', 'Exec', 'Get', 'Replace'] as const;
export const accessTypeSchema = z.enum(ACCESS_TYPES);
export type AccessType = z.infer<typeof accessTypeSchema>;

export const OCCURRENCES = ['One', 'ZeroOrOne', 'ZeroOrMore', 'OneOrMore', 'ZeroOrN', 'OneOrN'] as const;
export const occurrenceSchema = z.enum(OCCURRENCES);

/** Meta-data of one node (the DM 1.3 DDF properties DM 2.0 keeps; protocol §5). */
export const nodeMetaSchema = z.object({
  Format: nodeFormatSchema,
  Occurrence: occurrenceSchema.optional(),
  /** N of ZeroOrN / OneOrN. */
  MaxOccurrence: z.number().int().positive().optional(),
  Scope: z.enum(['Permanent', 'Dynamic']).optional(),
  AccessType: z.array(accessTypeSchema),
  MIME: z.string().optional(),
  DefaultValue: z.string().optional(),
  Description: z.string().optional(),
  DFTitle: z.string().optional(),
  DFType: z.string().optional(),
  CaseSense: z.enum(['CS', 'CIS']).optional(),
});
export type NodeMeta = z.infer<typeof nodeMetaSchema>;

/**
 * One meta-data document per MOID, keyed by node path below the MO root: `""` is the root itself
 * (its node name is `Root`, e.g. "DevInfo"), `DevID`, `Download/PkgURL`; `<x>` stands for an
 * unnamed (dynamic) node.
 */
export const moMetadataSchema = z.object({
  MOID: z.string().min(1),
  Root: z.string().min(1),
  DDF: z.string().optional(),
  Nodes: z.record(z.string(), nodeMetaSchema),
});
export type MoMetadata = z.infer<typeof moMetadataSchema>;
