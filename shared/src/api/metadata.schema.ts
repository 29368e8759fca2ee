import { z } from 'zod';
import { moMetadataSchema } from '../metadata/metadata.schema';

/** Where a meta-data document comes from: shipped with the server, or imported (protocol §5). */
export const METADATA_SOURCES = ['standard', 'ddf', 'json'] as const;
export const metadataSourceSchema = z.enum(METADATA_SOURCES);
export type MetadataSource = z.infer<typeof metadataSourceSchema>;

/** One entry of GET /api/v1/metadata. */
export const metadataSummarySchema = z.object({
  moid: z.string(),
  root: z.string(),
  source: metadataSourceSchema,
  /** How many node paths the document describes. */
  nodes: z.number().int().nonnegative(),
});
export type MetadataSummary = z.infer<typeof metadataSummarySchema>;

export const metadataListSchema = z.object({ items: z.array(metadataSummarySchema) });
export type MetadataList = z.infer<typeof metadataListSchema>;

/** Query of POST /api/v1/metadata with a DDF body: the MOID when the DDF's root does not name it. */
export const importMetadataQuerySchema = z.object({ moid: z.string().min(1).max(256).optional() });
export type ImportMetadataQuery = z.infer<typeof importMetadataQuerySchema>;

/** A meta-data document as the API takes and returns it. */
export const metadataDocumentSchema = moMetadataSchema;
