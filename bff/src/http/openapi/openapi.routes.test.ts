import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openApiRoutes } from './openapi.routes';
import { VERSION } from '../routes/health.routes';

/** Mounted as app.ts does: before a guard that refuses everything else under /api/v1. */
function appWithGuard() {
  const app = express();
  app.use(openApiRoutes({ serverUrl: 'http://127.0.0.1:8080' }));
  app.use('/api/v1', (_req, res) => {
    res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
  });
  return app;
}

describe('GET /api/v1/openapi.json', () => {
  it('serves the document without authentication', async () => {
    const res = await request(appWithGuard()).get('/api/v1/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      openapi: '3.1.0',
      info: { version: VERSION },
      servers: [{ url: 'http://127.0.0.1:8080' }],
    });
    expect(Object.keys(res.body as { paths: object }).length).toBeGreaterThan(0);
  });

  it('answers a repeated request with the same body and 304 for a matching ETag', async () => {
    const app = appWithGuard();
    const first = await request(app).get('/api/v1/openapi.json').expect(200);
    const etag = first.headers.etag;
    expect(etag).toEqual(expect.any(String));
    const second = await request(app).get('/api/v1/openapi.json').expect(200);
    expect(second.text).toBe(first.text);
    await request(app)
      .get('/api/v1/openapi.json')
      .set('If-None-Match', etag as string)
      .expect(304);
  });

  it('leaves other /api/v1 paths to the authentication that follows it', async () => {
    await request(appWithGuard()).get('/api/v1/devices').expect(401);
  });
});
