// Meta-data documents of vendor MOs (protocol §5): imported from DM 1.x DDFs or given as JSON, stored,
// and offered next to the standard documents to the tree, the tree writer and the dry run.
import type { MetadataList, MetadataSource, MetadataSummary } from '@dmc/shared/api';
import { findMetadata, moMetadataSchema, STANDARD_METADATA, type MoMetadata } from '@dmc/shared/metadata';
import { importDdf } from '../../protocol/metadata/ddf-import';
import type { MetadataDocumentRow, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { ConflictError, InputError, NotFoundError } from '../errors';

/** Other instances may import or remove documents; each instance reloads its copy this often. */
export const METADATA_RELOAD_MS = 30_000;

export type MetadataImport =
  { kind: 'ddf'; xml: string; moid?: string } | { kind: 'json'; document: unknown };

export interface MetadataService {
  /** Stores a document (replacing an imported one with the same MOID); InputError on a bad DDF. */
  import(input: MetadataImport): Promise<MoMetadata>;
  list(): Promise<MetadataList>;
  /** An imported document, else a standard one; NotFoundError when neither exists. */
  get(moid: string): Promise<MoMetadata>;
  /** Removes an imported document; ConflictError for a standard one, NotFoundError when unknown. */
  remove(moid: string): Promise<void>;
  /** The imported documents as last loaded (synchronous: safe inside a store transaction). */
  extraMetadata(): readonly MoMetadata[];
  /** The imported documents, reloaded first when the copy is stale. */
  loadExtraMetadata(): Promise<readonly MoMetadata[]>;
  /** Reloads the imported documents from the store now. */
  reload(): Promise<void>;
}

function summary(doc: MoMetadata, source: MetadataSource): MetadataSummary {
  return { moid: doc.MOID, root: doc.Root, source, nodes: Object.keys(doc.Nodes).length };
}

function isStandard(moid: string): boolean {
  return findMetadata(moid) !== undefined;
}

function parseImport(input: MetadataImport): { document: MoMetadata; source: 'ddf' | 'json' } {
  if (input.kind === 'ddf') {
    const result = importDdf(input.xml, input.moid);
    if (!result.ok) throw new InputError(`The DDF cannot be imported: ${result.error}`);
    return { document: result.value, source: 'ddf' };
  }
  const parsed = moMetadataSchema.safeParse(input.document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.map(String).join('.') || 'document';
    throw new InputError(`The meta-data document is not valid (${where}: ${first?.message ?? 'invalid'}).`);
  }
  return { document: parsed.data, source: 'json' };
}

export function createMetadataService(
  store: Store,
  deps: { clock: Clock; onReloadError?: (error: unknown) => void },
): MetadataService {
  const { clock } = deps;
  let cache: readonly MoMetadata[] = [];
  let loadedAt = Number.NEGATIVE_INFINITY;
  // A newer reload wins over one that started earlier and finishes later.
  let generation = 0;
  let inflight: Promise<void> | undefined;

  async function reload(): Promise<void> {
    const mine = ++generation;
    const rows = await store.metadata.list();
    if (mine !== generation) return;
    cache = rows.map((r) => r.document);
    loadedAt = clock.now().getTime();
  }

  function stale(): boolean {
    return clock.now().getTime() - loadedAt >= METADATA_RELOAD_MS;
  }

  function reloadInBackground(): Promise<void> {
    inflight ??= reload().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function findImported(moid: string): Promise<MetadataDocumentRow | undefined> {
    const exact = await store.metadata.find(moid);
    if (exact) return exact;
    // URNs are compared without case, as findMetadata does.
    const lower = moid.toLowerCase();
    return (await store.metadata.list()).find((r) => r.moid.toLowerCase() === lower);
  }

  return {
    async import(input) {
      const { document, source } = parseImport(input);
      if (isStandard(document.MOID)) {
        throw new ConflictError(`"${document.MOID}" is a standard MO; its meta-data ships with the server.`);
      }
      const now = clock.now();
      const existing = await findImported(document.MOID);
      // Re-importing under another spelling of the same URN replaces the stored one.
      if (existing && existing.moid !== document.MOID) await store.metadata.remove(existing.moid);
      await store.metadata.upsert({
        moid: document.MOID,
        document,
        source,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      });
      await reload();
      return document;
    },

    async list() {
      const imported = await store.metadata.list();
      return {
        items: [
          ...STANDARD_METADATA.map((d) => summary(d, 'standard')),
          ...imported.map((r) => summary(r.document, r.source)),
        ],
      };
    },

    async get(moid) {
      const doc = (await findImported(moid))?.document ?? findMetadata(moid);
      if (!doc) throw new NotFoundError(`No meta-data for "${moid}".`);
      return doc;
    },

    async remove(moid) {
      if (isStandard(moid)) {
        throw new ConflictError(`"${moid}" is a standard MO; its meta-data cannot be removed.`);
      }
      const existing = await findImported(moid);
      if (!existing || !(await store.metadata.remove(existing.moid))) {
        throw new NotFoundError(`No imported meta-data for "${moid}".`);
      }
      await reload();
    },

    extraMetadata() {
      if (stale()) reloadInBackground().catch((e: unknown) => deps.onReloadError?.(e));
      return cache;
    },

    async loadExtraMetadata() {
      if (stale()) await reloadInBackground();
      return cache;
    },

    reload,
  };
}
