// The DM endpoints run ahead of Express on bare node:http: what they share with the console's
// routes (request ids, the error body, metrics) must still hold there.
import { request } from 'node:http';
import { MEDIA_TYPES } from '@dmc/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockstepDevice, postPackage } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const DEV = 'IMEI:490154203237519';

/** POSTs `chunks` with chunked transfer encoding (no Content-Length), as a streaming client does. */
function postChunked(
  url: string,
  chunks: string[],
): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': MEDIA_TYPES.initiation, accept: MEDIA_TYPES.request },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          ...(res.headers.connection ? { connection: res.headers.connection } : {}),
        }),
      );
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('DM endpoints outside Express', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ settings: { maxPackageBytes: 2048 } });
    await server.registerDevice(DEV, SECRET);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 413 to a streamed body that outgrows the limit, and closes that connection', async () => {
    const res = await postChunked(`${server.baseUrl}/dm`, ['{"MOS":[],"pad":"', 'x'.repeat(3000), '"}']);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(res.connection).toBe('close');
  });

  it('echoes a request id in the header and the error body, and makes one when none is given', async () => {
    const res = await fetch(`${server.baseUrl}/dm`, {
      method: 'POST',
      headers: { 'content-type': MEDIA_TYPES.initiation, 'x-request-id': 'trace-42' },
      body: '{',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    expect(await res.json()).toMatchObject({ requestId: 'trace-42', error: { code: 'BAD_REQUEST' } });

    const made = await postPackage(`${server.baseUrl}/dm`, {}, { kind: 'initiation' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body).toMatchObject({ requestId: made.headers.get('x-request-id') });
  });

  it('leaves other methods on DM paths to the console app', async () => {
    const res = await fetch(`${server.baseUrl}/dm`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('counts DM requests in the latency histogram by route pattern, never by token', async () => {
    const device = new LockstepDevice(server.baseUrl, DEV, SECRET);
    expect((await device.p1()).status).toBe(200);
    expect((await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] })).status).toBe(
      200,
    );
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(text).toMatch(
      /dmc_http_request_duration_seconds_count\{method="POST",route="\/dm",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /dmc_http_request_duration_seconds_count\{method="POST",route="\/dm\/s\/:token",status="200"\} 1/,
    );
    expect(text).not.toContain(device.contUrl?.split('/').pop());
  });
});
