import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFsBlobStore, type FsBlobStore } from './fs-blob-store';

const ID = 'artifact-id-0123456789abcdef';

function chunked(data: Buffer, size = 1000): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('openFsBlobStore', () => {
  let root: string;
  let blobs: FsBlobStore;

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dmc-blobs-'));
    blobs = await openFsBlobStore({ dir: path.join(root, 'artifacts') });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes a stream, hashing it, and reads it back whole or by range', async () => {
    const data = randomBytes(10_000);
    const result = await blobs.write(ID, chunked(data), data.length);
    expect(result).toEqual({ size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    expect(readdirSync(blobs.dir)).toEqual([ID]);
    expect((await bytesOf(blobs.open(ID))).equals(data)).toBe(true);
    expect((await bytesOf(blobs.open(ID, { start: 10, end: 19 }))).equals(data.subarray(10, 20))).toBe(true);
    expect((await blobs.stat(ID))?.size).toBe(data.length);
  });

  it('refuses a source over the limit, leaves no file and does not destroy the source', async () => {
    const data = Buffer.alloc(10_000, 7);
    const source = chunked(data);
    await expect(blobs.write(ID, source, 4_999)).rejects.toMatchObject({ code: 'BLOB_TOO_LARGE' });
    expect(readdirSync(blobs.dir)).toEqual([]);
    expect(source.destroyed).toBe(false);
    // The rest stays readable, so an HTTP request can be drained before the 413 goes out.
    expect((await bytesOf(source)).length).toBeGreaterThan(0);
  });

  it('accepts a source of exactly the limit', async () => {
    const data = Buffer.alloc(4_000, 1);
    expect((await blobs.write(ID, chunked(data), 4_000)).size).toBe(4_000);
  });

  it('leaves nothing behind when the source fails midway', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(100, 1);
      await Promise.resolve();
      throw new Error('connection lost');
    }
    await expect(blobs.write(ID, Readable.from(failing()), 1_000)).rejects.toThrow('connection lost');
    expect(readdirSync(blobs.dir)).toEqual([]);
    expect(await blobs.stat(ID)).toBeUndefined();
  });

  it('remove deletes the file and says whether there was one', async () => {
    await blobs.write(ID, Readable.from([Buffer.from('abc')]), 10);
    expect(await blobs.remove(ID)).toBe(true);
    expect(await blobs.remove(ID)).toBe(false);
    expect(await blobs.stat(ID)).toBeUndefined();
    expect(readdirSync(blobs.dir)).toEqual([]);
  });

  it('opening a missing blob gives a stream that errors', async () => {
    await expect(text(blobs.open(ID))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never maps an id outside its directory', async () => {
    await expect(blobs.stat('../escape-attempt-0123456789')).rejects.toThrow(RangeError);
    await expect(blobs.write('..', Readable.from([]), 10)).rejects.toThrow(RangeError);
    expect(() => blobs.open('a/b')).toThrow(RangeError);
  });

  it('clears stale temporary files of a crashed upload on open, but not fresh ones', async () => {
    const stale = path.join(blobs.dir, `.${ID}.0a0b0c.part`);
    const fresh = path.join(blobs.dir, `.${ID}.0d0e0f.part`);
    writeFileSync(stale, 'partial');
    writeFileSync(fresh, 'partial');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    await openFsBlobStore({ dir: blobs.dir });
    expect(readdirSync(blobs.dir)).toEqual([path.basename(fresh)]);
  });

  it('keeps artifacts private: directory 0700, files 0600, older wider ones narrowed on open', async () => {
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(blobs.dir)).toBe(0o700);
    await blobs.write(ID, chunked(randomBytes(100)), 100);
    expect(mode(path.join(blobs.dir, ID))).toBe(0o600);

    const older = path.join(blobs.dir, 'artifact-id-older-0123456789');
    writeFileSync(older, 'bytes', { mode: 0o644 });
    chmodSync(older, 0o644);
    chmodSync(blobs.dir, 0o755);
    await openFsBlobStore({ dir: blobs.dir });
    expect([mode(blobs.dir), mode(older)]).toEqual([0o700, 0o600]);
  });
});
