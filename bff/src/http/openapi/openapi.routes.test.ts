import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server';
import { VERSION } from '../routes/health.routes';

describe('GET /api/v1/openapi.json', () => {
  let server: TestServer;
  const anonymous = () => fetch(`${server.baseUrl}/api/v1/openapi.json`);

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves the document without authentication', async () => {
    const res = await anonymous();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { paths: object };
    expect(body).toMatchObject({
      openapi: '3.1.0',
      info: { version: VERSION },
      servers: [{ url: server.baseUrl }],
    });
    expect(Object.keys(body.paths).length).toBeGreaterThan(0);
  });

  it('answers a repeated request with the same body and 304 for a matching ETag', async () => {
    // supertest, not fetch: fetch adds Cache-Control: no-cache to a conditional request.
    const first = await request(server.baseUrl).get('/api/v1/openapi.json').expect(200);
    const etag = first.headers.etag;
    expect(etag).toEqual(expect.any(String));
    const second = await request(server.baseUrl).get('/api/v1/openapi.json').expect(200);
    expect(second.text).toBe(first.text);
    await request(server.baseUrl)
      .get('/api/v1/openapi.json')
      .set('If-None-Match', etag as string)
      .expect(304);
  });

  it('leaves other /api/v1 paths to the authentication that follows it', async () => {
    expect((await fetch(`${server.baseUrl}/api/v1/devices`)).status).toBe(401);
  });
});
