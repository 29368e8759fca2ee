// Firmware and software packages (protocol §8, "Artifacts"): operators upload them, devices download
// them from the DR at /dr/artifacts/:id. Bytes go to the blob store, metadata to the database.
import type { Readable } from 'node:stream';
import type { Artifact, ArtifactList, CreateArtifactQuery } from '@dmc/shared/api';
import { compatibilityOf } from '@dmc/shared/api';
import type { ArtifactRow, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { capabilityUrls } from '../capabilities/capability-urls';
import { ConflictError, InputError, NotFoundError, PayloadTooLargeError } from '../errors';
import { isBlobTooLarge, type ArtifactBlobStore, type ByteRange } from './blob-store';

export const DEFAULT_ARTIFACT_CONTENT_TYPE = 'application/octet-stream';

/** What the DR needs to serve one artifact. */
export interface ArtifactDownload {
  row: ArtifactRow;
  open: (range?: ByteRange) => Readable;
}

export interface ArtifactService {
  /**
   * Stores the bytes of `body` under a new unguessable id. Throws PayloadTooLargeError (nothing
   * stored) above the limit; `declaredSize` (Content-Length) lets a too-large upload fail before
   * any byte is read.
   */
  upload(input: CreateArtifactQuery, body: Readable, options?: { declaredSize?: number }): Promise<Artifact>;
  list(): Promise<ArtifactList>;
  get(id: string): Promise<Artifact>;
  /** Throws ConflictError while the artifact is in use, NotFoundError when unknown. */
  remove(id: string): Promise<void>;
  /** Throws NotFoundError when the artifact or its bytes are gone. */
  download(id: string): Promise<ArtifactDownload>;
}

export interface ArtifactServiceDeps {
  clock: Clock;
  publicUrl: string;
  blobs: ArtifactBlobStore;
  maxBytes: number;
  /** Whether something (a firmware update) still needs the artifact; default: never. */
  isInUse?: (id: string) => Promise<boolean>;
}

export function createArtifactService(
  store: Pick<Store, 'artifacts'>,
  deps: ArtifactServiceDeps,
): ArtifactService {
  const { clock, blobs, maxBytes } = deps;
  const urls = capabilityUrls(deps.publicUrl);
  const isInUse = deps.isInUse ?? (() => Promise.resolve(false));
  const tooLarge = () => new PayloadTooLargeError(`An artifact may be at most ${maxBytes} bytes.`);

  const toView = (row: ArtifactRow): Artifact => ({
    id: row.id,
    name: row.name,
    version: row.version,
    moid: row.moid,
    size: row.size,
    sha256: row.sha256,
    contentType: row.contentType,
    compatible: row.compatible,
    url: urls.url('artifact', row.id),
    createdAt: row.createdAt.toISOString(),
  });

  const findRow = async (id: string): Promise<ArtifactRow> => {
    const row = await store.artifacts.find(id);
    if (!row) throw new NotFoundError('No such artifact.');
    return row;
  };

  return {
    async upload(input, body, options = {}) {
      if (options.declaredSize !== undefined && options.declaredSize > maxBytes) throw tooLarge();
      const id = urls.mint('artifact').token;
      let written: { size: number; sha256: string };
      try {
        written = await blobs.write(id, body, maxBytes);
      } catch (err) {
        throw isBlobTooLarge(err) ? tooLarge() : err;
      }
      const row: ArtifactRow = {
        id,
        name: input.name,
        version: input.version,
        moid: input.moid ?? null,
        size: written.size,
        sha256: written.sha256,
        contentType: input.contentType ?? DEFAULT_ARTIFACT_CONTENT_TYPE,
        compatible: compatibilityOf(input),
        createdAt: clock.now(),
      };
      try {
        if (row.size === 0) throw new InputError('The artifact is empty.');
        await store.artifacts.create(row);
      } catch (err) {
        await blobs.remove(id);
        throw err;
      }
      return toView(row);
    },

    async list() {
      return { items: (await store.artifacts.list()).map(toView) };
    },

    async get(id) {
      return toView(await findRow(id));
    },

    async remove(id) {
      await findRow(id);
      if (await isInUse(id)) throw new ConflictError('The artifact is used by a firmware update.');
      // Row first: once it is gone no new download starts; then the bytes.
      if (!(await store.artifacts.remove(id))) throw new NotFoundError('No such artifact.');
      await blobs.remove(id);
    },

    async download(id) {
      const row = await findRow(id);
      if (!(await blobs.stat(id))) throw new NotFoundError('No such artifact.');
      return { row, open: (range) => blobs.open(id, range) };
    },
  };
}
