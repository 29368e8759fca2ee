// Service rules over in-memory ports (domain code reaches persistence only through its ports; the
// real SQLite store and file-system blob store run in bff/test/artifacts.test.ts).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { artifactSchema } from '@dmc/shared/api';
import type { ArtifactRepository, ArtifactRow } from '../../persistence/ports';
import { ConflictError, InputError, NotFoundError, PayloadTooLargeError } from '../errors';
import { BLOB_TOO_LARGE, type ArtifactBlobStore } from './blob-store';
import { createArtifactService, type ArtifactService } from './artifact.service';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const MAX = 1_000;

class MemoryArtifacts implements ArtifactRepository {
  readonly rows = new Map<string, ArtifactRow>();
  failNextCreate = false;
  constructor(private readonly log: string[]) {}
  create(row: ArtifactRow): Promise<void> {
    if (this.failNextCreate) return Promise.reject(new Error('database is down'));
    this.rows.set(row.id, row);
    return Promise.resolve();
  }
  find(id: string): Promise<ArtifactRow | undefined> {
    return Promise.resolve(this.rows.get(id));
  }
  list(): Promise<ArtifactRow[]> {
    return Promise.resolve([...this.rows.values()].reverse());
  }
  remove(id: string): Promise<boolean> {
    this.log.push(`row ${id}`);
    return Promise.resolve(this.rows.delete(id));
  }
}

/** Keeps blobs in memory with the port's limit and hashing rules. */
function memoryBlobs(log: string[]): ArtifactBlobStore & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  return {
    files,
    async write(id, source, limitBytes) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of source.iterator({ destroyOnReturn: false })) {
        size += (chunk as Buffer).length;
        if (size > limitBytes) throw Object.assign(new Error('too large'), { code: BLOB_TOO_LARGE });
        chunks.push(chunk as Buffer);
      }
      const data = Buffer.concat(chunks);
      files.set(id, data);
      return { size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    },
    open(id, range) {
      const data = files.get(id)!;
      return Readable.from([range ? data.subarray(range.start, range.end + 1) : data]);
    },
    stat: (id) =>
      Promise.resolve(files.has(id) ? { size: files.get(id)!.length, modifiedAt: NOW } : undefined),
    remove(id) {
      log.push(`file ${id}`);
      return Promise.resolve(files.delete(id));
    },
  };
}

const INPUT = { name: 'Modem firmware', version: '2.1.0', moid: 'urn:oma:mo:oma-fumo:1.0' };

describe('artifact service', () => {
  let log: string[];
  let repo: MemoryArtifacts;
  let blobs: ReturnType<typeof memoryBlobs>;
  let inUse: Set<string>;
  let service: ArtifactService;

  beforeEach(() => {
    log = [];
    repo = new MemoryArtifacts(log);
    blobs = memoryBlobs(log);
    inUse = new Set();
    service = createArtifactService(
      { artifacts: repo },
      {
        clock: { now: () => NOW },
        publicUrl: 'https://dm.example.test',
        blobs,
        maxBytes: MAX,
        isInUse: (id) => Promise.resolve(inUse.has(id)),
      },
    );
  });

  it('uploads under an unguessable id and describes the artifact with its DR URL', async () => {
    const data = Buffer.from('firmware image bytes');
    const artifact = await service.upload(INPUT, Readable.from([data]));
    expect(artifactSchema.parse(artifact)).toEqual({
      id: artifact.id,
      ...INPUT,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      contentType: 'application/octet-stream',
      compatible: null,
      url: `https://dm.example.test/dr/artifacts/${artifact.id}`,
      createdAt: NOW.toISOString(),
    });
    // ≥128 bits of randomness (protocol §1): 22+ base64url characters.
    expect(artifact.id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(blobs.files.get(artifact.id)?.equals(data)).toBe(true);
    expect(await service.get(artifact.id)).toEqual(artifact);
    const other = await service.upload({ ...INPUT, version: '2.2.0' }, Readable.from([data]));
    expect(other.id).not.toBe(artifact.id);
    expect((await service.list()).items.map((a) => a.version)).toEqual(['2.2.0', '2.1.0']);
  });

  it('keeps the declared content type and a missing MOID as null', async () => {
    const artifact = await service.upload(
      { name: 'app', version: '1', contentType: 'application/zip' },
      Readable.from([Buffer.from('PK')]),
    );
    expect(artifact).toMatchObject({ moid: null, contentType: 'application/zip' });
  });

  it('refuses an upload over the limit and stores nothing', async () => {
    const upload = service.upload(INPUT, Readable.from([Buffer.alloc(600), Buffer.alloc(600)]));
    await expect(upload).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(repo.rows.size).toBe(0);
    expect(blobs.files.size).toBe(0);
  });

  it('refuses a declared size over the limit before reading the body', async () => {
    const body = Readable.from([Buffer.alloc(10)]);
    await expect(service.upload(INPUT, body, { declaredSize: MAX + 1 })).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    expect(body.readableDidRead).toBe(false);
  });

  it('refuses an empty artifact and removes its blob', async () => {
    await expect(service.upload(INPUT, Readable.from([]))).rejects.toBeInstanceOf(InputError);
    expect(repo.rows.size).toBe(0);
    expect(blobs.files.size).toBe(0);
  });

  it('removes the blob again when the row cannot be stored', async () => {
    repo.failNextCreate = true;
    await expect(service.upload(INPUT, Readable.from([Buffer.from('x')]))).rejects.toThrow(
      'database is down',
    );
    expect(blobs.files.size).toBe(0);
  });

  it('an unknown artifact is a NotFoundError everywhere', async () => {
    await expect(service.get('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.remove('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.download('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to delete an artifact in use, and keeps it', async () => {
    const { id } = await service.upload(INPUT, Readable.from([Buffer.from('abc')]));
    inUse.add(id);
    await expect(service.remove(id)).rejects.toBeInstanceOf(ConflictError);
    expect(repo.rows.has(id)).toBe(true);
    expect(blobs.files.has(id)).toBe(true);
    expect(log).toEqual([]);
  });

  it('deletes the row, then the file', async () => {
    const { id } = await service.upload(INPUT, Readable.from([Buffer.from('abc')]));
    await service.remove(id);
    expect(log).toEqual([`row ${id}`, `file ${id}`]);
    await expect(service.get(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('download gives the row and opens ranges of the bytes', async () => {
    const { id } = await service.upload(INPUT, Readable.from([Buffer.from('0123456789')]));
    const download = await service.download(id);
    expect(download.row.size).toBe(10);
    const chunks: Buffer[] = [];
    for await (const chunk of download.open({ start: 2, end: 4 })) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('234');
  });

  it('download is a NotFoundError when the bytes are gone but the row is not', async () => {
    const { id } = await service.upload(INPUT, Readable.from([Buffer.from('abc')]));
    blobs.files.delete(id);
    await expect(service.download(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('treats every artifact as unused when no isInUse is given', async () => {
    const plain = createArtifactService(
      { artifacts: repo },
      { clock: { now: () => NOW }, publicUrl: 'http://localhost:8080', blobs, maxBytes: MAX },
    );
    const { id } = await plain.upload(INPUT, Readable.from([Buffer.from('abc')]));
    await expect(plain.remove(id)).resolves.toBeUndefined();
  });
});
