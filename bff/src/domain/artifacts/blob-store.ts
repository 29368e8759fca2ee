// Port for the bytes of artifacts (protocol §8). main.ts picks the implementation (the file system
// under DMC_DATA_DIR); the metadata lives in persistence's ArtifactRepository under the same id.
import type { Readable } from 'node:stream';

/** An inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface BlobStat {
  size: number;
  modifiedAt: Date;
}

/** Code of the error `write` rejects with when the source is longer than `limitBytes`. */
export const BLOB_TOO_LARGE = 'BLOB_TOO_LARGE';

export interface ArtifactBlobStore {
  /**
   * Streams `source` into the blob `id`, hashing as it goes. The blob appears only when complete:
   * on any failure nothing is left behind. Rejects with an error whose `code` is BLOB_TOO_LARGE
   * as soon as more than `limitBytes` arrive. Never destroys `source` (an HTTP request must stay
   * usable for the answer); the caller drains it.
   */
  write(id: string, source: Readable, limitBytes: number): Promise<{ size: number; sha256: string }>;
  /** The blob's bytes, or one inclusive range of them; the stream errors when the blob is missing. */
  open(id: string, range?: ByteRange): Readable;
  stat(id: string): Promise<BlobStat | undefined>;
  /** Deletes the blob; false when there was none. */
  remove(id: string): Promise<boolean>;
}

/** True for the error `ArtifactBlobStore.write` rejects with when the limit is exceeded. */
export function isBlobTooLarge(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === BLOB_TOO_LARGE;
}
