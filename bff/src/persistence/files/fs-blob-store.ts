// Artifact bytes as files under <DMC_DATA_DIR>/artifacts/, one per artifact id. A file is written
// under a hidden temporary name and renamed into place only once complete and synced, so a crash or a
// refused upload never leaves a partial artifact where a download could find it.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Ids are base64url tokens; anything else never reaches the file system (no path tricks). */
const ID_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
const TEMP_PATTERN = /^\.[A-Za-z0-9_-]+\.[0-9a-f]+\.part$/;
/** Temporary files older than this are leftovers of a crash (an upload this slow would be 4 kB/s at 512 MiB). */
const STALE_TEMP_MS = 36 * 3600 * 1000;

/** Raised by `write` when the source is longer than its limit; `code` is the port's BLOB_TOO_LARGE. */
export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  readonly code = 'BLOB_TOO_LARGE';
  constructor(readonly limitBytes: number) {
    super(`the blob is larger than ${limitBytes} bytes`);
  }
}

/** Matches the domain's ArtifactBlobStore port structurally (persistence does not import domain). */
export interface FsBlobStore {
  readonly dir: string;
  write(id: string, source: Readable, limitBytes: number): Promise<{ size: number; sha256: string }>;
  open(id: string, range?: { start: number; end: number }): Readable;
  stat(id: string): Promise<{ size: number; modifiedAt: Date } | undefined>;
  remove(id: string): Promise<boolean>;
}

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT';
}

async function writeAll(file: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** Makes a rename durable; best effort where directories cannot be opened (Windows). */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The rename itself has happened; only its durability across a power loss is weaker.
  }
}

/** Clears crash leftovers and narrows files made before artifacts were private to mode 0600. */
async function tidy(dir: string, now: number): Promise<void> {
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (TEMP_PATTERN.test(name) && now - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
    else if ((info.mode & 0o777) !== 0o600) await chmod(file, 0o600).catch(() => undefined);
  }
}

/** Opens (creating if needed) the artifact directory and clears temporary files left by a crash. */
export async function openFsBlobStore(options: { dir: string }): Promise<FsBlobStore> {
  const dir = path.resolve(options.dir);
  // Artifacts are readable by the server's user only (protocol §12).
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // A directory of another owner (a mounted volume) keeps its mode.
  await chmod(dir, 0o700).catch(() => undefined);
  await tidy(dir, Date.now());

  const fileOf = (id: string): string => {
    if (!ID_PATTERN.test(id)) throw new RangeError('not a blob id');
    return path.join(dir, id);
  };

  return {
    dir,

    async write(id, source, limitBytes) {
      const target = fileOf(id);
      const temp = path.join(dir, `.${id}.${randomBytes(6).toString('hex')}.part`);
      const file = await open(temp, 'wx', 0o600);
      const hash = createHash('sha256');
      let size = 0;
      let isOpen = true;
      try {
        // destroyOnReturn: false leaves an oversize request readable, so the caller can drain it.
        for await (const data of source.iterator({ destroyOnReturn: false })) {
          const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data as string);
          size += chunk.length;
          if (size > limitBytes) throw new BlobTooLargeError(limitBytes);
          hash.update(chunk);
          await writeAll(file, chunk);
        }
        await file.sync();
        isOpen = false;
        await file.close();
        await rename(temp, target);
      } catch (err) {
        if (isOpen) await file.close().catch(() => undefined);
        await rm(temp, { force: true });
        throw err;
      }
      await syncDir(dir);
      return { size, sha256: hash.digest('hex') };
    },

    open(id, range) {
      return createReadStream(fileOf(id), range ? { start: range.start, end: range.end } : {});
    },

    async stat(id) {
      try {
        const info = await stat(fileOf(id));
        return info.isFile() ? { size: info.size, modifiedAt: info.mtime } : undefined;
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },

    async remove(id) {
      try {
        await unlink(fileOf(id));
        return true;
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },
  };
}
