// Meta-data documents imported for vendor MOs.
import type { MoMetadata } from '@dmc/shared/metadata';

/** A meta-data document imported for a vendor MO (protocol §5), from a DDF or as JSON. */
export interface MetadataDocumentRow {
  moid: string;
  document: MoMetadata;
  source: 'ddf' | 'json';
  createdAt: Date;
  updatedAt: Date;
}

export interface MetadataRepository {
  /** Inserts, or replaces the document of an existing MOID (keeping its createdAt). */
  upsert(row: MetadataDocumentRow): Promise<void>;
  find(moid: string): Promise<MetadataDocumentRow | undefined>;
  /** By MOID. */
  list(): Promise<MetadataDocumentRow[]>;
  remove(moid: string): Promise<boolean>;
}
