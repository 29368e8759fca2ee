// Artifacts over real HTTP: the console routes and the DR download routes on a small Express app
// with the real service, a SQLite file and the file-system blob store in a temp dir.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactListSchema, artifactSchema, errorResponseSchema, type Artifact } from '@dmc/shared/api';
import { createArtifactService } from '../src/domain/artifacts/artifact.service';
import { artifactDrRoutes } from '../src/http/dr/artifacts.routes';
import { createErrorHandler, createErrorMapper } from '../src/http/error-handler';
import type { ApiServices } from '../src/http/api-services';
import { mountOperations } from '../src/http/mount-operations';
import { artifactOperations } from '../src/http/routes/artifacts.routes';
import { openFsBlobStore, type FsBlobStore } from '../src/persistence/files/fs-blob-store';
import { openSqliteStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';

const MAX_BYTES = 64 * 1024;
const OCTETS = { 'content-type': 'application/octet-stream' };

describe('artifacts over HTTP', () => {
  let dir: string;
  let store: Store;
  let blobs: FsBlobStore;
  let server: Server;
  let baseUrl: string;
  const inUse = new Set<string>();

  /** Requests as a signed-in user of `role` (the test app's stand-in for authenticate()). */
  const api = (method: string, apiPath: string, init: RequestInit & { role?: string } = {}) => {
    const { role = 'operator', headers, ...rest } = init;
    return fetch(`${baseUrl}${apiPath}`, {
      method,
      headers: {
        ...(role === 'none' ? {} : { 'x-test-role': role }),
        ...(headers as Record<string, string>),
      },
      ...rest,
    });
  };
  const upload = (
    body: Uint8Array,
    query = 'name=Modem%20firmware&version=2.1.0',
    init: RequestInit & { role?: string } = {},
  ) => api('POST', `/api/v1/artifacts?${query}`, { headers: OCTETS, body, ...init });
  const download = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(url, { method, headers });
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

  /** An upload sent with Transfer-Encoding: chunked, 4 KiB at a time. */
  function postChunked(apiPath: string, data: Buffer): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${baseUrl}${apiPath}`, {
        method: 'POST',
        headers: { ...OCTETS, 'x-test-role': 'operator' },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < data.length; i += 4096) req.write(data.subarray(i, i + 4096));
      req.end();
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dmc-artifacts-'));
    store = await openSqliteStore({ file: path.join(dir, 'dmc.sqlite') });
    blobs = await openFsBlobStore({ dir: path.join(dir, 'artifacts') });
    const app = express();
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const artifacts = createArtifactService(store, {
      clock: { now: () => new Date() },
      publicUrl: baseUrl,
      blobs,
      maxBytes: MAX_BYTES,
      isInUse: (id) => Promise.resolve(inUse.has(id)),
    });
    app.use(artifactDrRoutes(artifacts));
    const apiRouter = express.Router();
    // As in app.ts: the JSON parser runs first and must leave octet-stream uploads alone.
    apiRouter.use(express.json({ limit: '1mb' }));
    const services: Partial<ApiServices> = { artifacts };
    mountOperations(apiRouter, artifactOperations, services as ApiServices, (req, res, next) => {
      const role = req.header('x-test-role');
      if (role) res.locals.user = { username: `${role}-user`, role };
      next();
    });
    app.use(apiRouter);
    app.use(createErrorHandler(createErrorMapper(pino({ level: 'silent' }))));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    inUse.clear();
    for (const row of await store.artifacts.list()) {
      await store.artifacts.remove(row.id);
      await blobs.remove(row.id);
    }
  });

  async function uploaded(data: Buffer): Promise<Artifact> {
    const res = await upload(data);
    expect(res.status).toBe(201);
    return artifactSchema.parse(await res.json());
  }

  it('uploads, lists and downloads the identical bytes with their SHA-256', async () => {
    const data = randomBytes(50_000);
    const res = await upload(data, 'name=Modem%20firmware&version=2.1.0&moid=urn:oma:mo:oma-fumo:1.0');
    expect(res.status).toBe(201);
    const artifact = artifactSchema.parse(await res.json());
    const sha256 = createHash('sha256').update(data).digest('hex');
    expect(artifact).toMatchObject({
      name: 'Modem firmware',
      version: '2.1.0',
      moid: 'urn:oma:mo:oma-fumo:1.0',
      size: data.length,
      sha256,
      contentType: 'application/octet-stream',
      url: `${baseUrl}/dr/artifacts/${artifact.id}`,
    });
    expect(res.headers.get('location')).toBe(`/api/v1/artifacts/${artifact.id}`);

    const list = artifactListSchema.parse(await (await api('GET', '/api/v1/artifacts')).json());
    expect(list.items).toEqual([artifact]);
    expect(await (await api('GET', `/api/v1/artifacts/${artifact.id}`)).json()).toEqual(artifact);

    const got = await download(artifact.url);
    expect(got.status).toBe(200);
    const body = await bytes(got);
    expect(body.equals(data)).toBe(true);
    expect(createHash('sha256').update(body).digest('hex')).toBe(sha256);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(got.headers.get('content-length')).toBe(String(data.length));
    expect(got.headers.get('etag')).toBe(`"${sha256}"`);
    expect(got.headers.get('accept-ranges')).toBe('bytes');
    expect(got.headers.get('repr-digest')).toBe(
      `sha-256=:${createHash('sha256').update(data).digest('base64')}:`,
    );
    expect(Date.parse(got.headers.get('last-modified') ?? '')).toBe(
      Math.floor(Date.parse(artifact.createdAt) / 1000) * 1000,
    );
  });

  it('serves the declared content type to devices', async () => {
    const res = await upload(Buffer.from('PK\x03\x04'), 'name=app&version=1&contentType=application/zip');
    const artifact = artifactSchema.parse(await res.json());
    expect((await download(artifact.url)).headers.get('content-type')).toBe('application/zip');
  });

  it('serves single byte ranges with 206 and Content-Range', async () => {
    const data = randomBytes(1000);
    const { url } = await uploaded(data);

    const middle = await download(url, { range: 'bytes=10-19' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(middle.headers.get('content-length')).toBe('10');
    expect((await bytes(middle)).equals(data.subarray(10, 20))).toBe(true);

    const suffix = await download(url, { range: 'bytes=-5' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe('bytes 995-999/1000');
    expect((await bytes(suffix)).equals(data.subarray(995))).toBe(true);

    const rest = await download(url, { range: 'bytes=100-' });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe('bytes 100-999/1000');
    expect((await bytes(rest)).equals(data.subarray(100))).toBe(true);
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const { url } = await uploaded(randomBytes(1000));
    for (const range of ['bytes=1000-', 'bytes=5000-6000', 'bytes=-0']) {
      const res = await download(url, { range });
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe('bytes */1000');
    }
  });

  it('serves the whole artifact for several ranges or a stale If-Range', async () => {
    const data = randomBytes(1000);
    const { url, sha256 } = await uploaded(data);
    const several = await download(url, { range: 'bytes=0-9, 20-29' });
    expect(several.status).toBe(200);
    expect((await bytes(several)).equals(data)).toBe(true);

    const stale = await download(url, { range: 'bytes=10-19', 'if-range': '"another-version"' });
    expect(stale.status).toBe(200);
    expect((await bytes(stale)).length).toBe(1000);

    const current = await download(url, { range: 'bytes=10-19', 'if-range': `"${sha256}"` });
    expect(current.status).toBe(206);
    expect((await bytes(current)).equals(data.subarray(10, 20))).toBe(true);
  });

  it('HEAD has the headers of a download and no body', async () => {
    const { url, sha256 } = await uploaded(randomBytes(1000));
    const res = await download(url, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('etag')).toBe(`"${sha256}"`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('repr-digest')).toMatch(/^sha-256=:[A-Za-z0-9+/]+=*:$/);
    expect((await bytes(res)).length).toBe(0);
  });

  it('If-None-Match with the ETag is a 304 without a body', async () => {
    const { url, sha256 } = await uploaded(randomBytes(1000));
    const res = await download(url, { 'if-none-match': `W/"other", "${sha256}"` });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(`"${sha256}"`);
    expect((await bytes(res)).length).toBe(0);
    expect((await download(url, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('refuses an oversize upload with 413 and stores nothing, with or without Content-Length', async () => {
    const tooBig = randomBytes(MAX_BYTES + 1);
    const declared = await upload(tooBig);
    expect(declared.status).toBe(413);
    expect(errorResponseSchema.parse(await declared.json()).error.code).toBe('PAYLOAD_TOO_LARGE');

    // Chunked, no Content-Length: the limit is found while streaming; the partial file must go.
    const streamed = await postChunked('/api/v1/artifacts?name=big&version=1', tooBig);
    expect(streamed.status).toBe(413);
    expect(streamed.body).toMatch(/PAYLOAD_TOO_LARGE/);

    expect(await store.artifacts.list()).toEqual([]);
    expect(readdirSync(blobs.dir)).toEqual([]);
    // The connection stays usable after the refusal.
    expect((await upload(randomBytes(10))).status).toBe(201);
  });

  it('refuses other content types with 415 and a bad query with 400', async () => {
    const json = await api('POST', '/api/v1/artifacts?name=a&version=1', {
      headers: { 'content-type': 'application/json' },
      body: '{"not":"bytes"}',
    });
    expect(json.status).toBe(415);
    expect(errorResponseSchema.parse(await json.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await upload(Buffer.from('x'), 'version=1')).status).toBe(400);
    expect((await upload(Buffer.from('x'), 'name=a&version=1&moid=fumo')).status).toBe(400);
    expect((await upload(Buffer.alloc(0))).status).toBe(400);
    expect(await store.artifacts.list()).toEqual([]);
    expect(readdirSync(blobs.dir)).toEqual([]);
  });

  it('refuses to delete an artifact in use with 409', async () => {
    const { id, url } = await uploaded(randomBytes(100));
    inUse.add(id);
    const res = await api('DELETE', `/api/v1/artifacts/${id}`);
    expect(res.status).toBe(409);
    expect((await download(url)).status).toBe(200);
  });

  it('deletes an artifact: 204, then 404 everywhere and its file is gone', async () => {
    const { id, url } = await uploaded(randomBytes(100));
    expect(readdirSync(blobs.dir)).toEqual([id]);
    expect((await api('DELETE', `/api/v1/artifacts/${id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/v1/artifacts/${id}`)).status).toBe(404);
    expect((await api('GET', `/api/v1/artifacts/${id}`)).status).toBe(404);
    expect((await download(url)).status).toBe(404);
    expect(readdirSync(blobs.dir)).toEqual([]);
  });

  it('an unknown download id is a 404', async () => {
    expect((await download(`${baseUrl}/dr/artifacts/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await download(`${baseUrl}/dr/artifacts/..%2Fdmc.sqlite`)).status).toBe(404);
  });

  it('a support user may list but not upload or delete; no user is a 401', async () => {
    const { id } = await uploaded(randomBytes(10));
    const refused = await upload(Buffer.from('x'), 'name=a&version=1', { role: 'support' });
    expect(refused.status).toBe(403);
    expect((await api('DELETE', `/api/v1/artifacts/${id}`, { role: 'support' })).status).toBe(403);
    expect((await api('GET', '/api/v1/artifacts', { role: 'support' })).status).toBe(200);
    expect((await api('GET', '/api/v1/artifacts', { role: 'none' })).status).toBe(401);
    expect((await store.artifacts.list()).map((row) => row.id)).toEqual([id]);
  });
});
