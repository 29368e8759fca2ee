// Profile §10 over real HTTP and a real socket.io client: security headers on every kind of answer,
// artifacts served as sandboxed attachments (the operator → admin escalation of issue 13), the CSRF
// check on cookie-authenticated changes and the Origin check of socket.io handshakes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactSchema, errorResponseSchema, SESSION_COOKIE } from '@dmc/shared/api';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

const FOREIGN = 'http://evil.example';
const HTML = '<!doctype html><script>fetch("/api/v1/users",{method:"POST"})</script>';

describe('security headers, artifacts, CSRF and socket origins (profile §10)', () => {
  let server: TestServer;
  let webDir: string;
  let cookie: string;
  let devices = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'dmc-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    server = await startTestServer({ settings: { webDistDir: webDir } });
    cookie = `${SESSION_COOKIE}=${encodeURIComponent(server.adminToken)}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const expectBaseHeaders = (res: Response, referrer = 'no-referrer') => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe(referrer);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline' 'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    return csp;
  };

  describe('artifacts', () => {
    it('serves an uploaded text/html artifact as a sandboxed attachment, whole and in ranges', async () => {
      const res = await fetch(
        `${server.baseUrl}/api/v1/artifacts?name=evil%20page&version=1.0&contentType=text/html`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${server.adminToken}`,
            'content-type': 'application/octet-stream',
          },
          body: HTML,
        },
      );
      expect(res.status).toBe(201);
      const artifact = artifactSchema.parse(await res.json());

      for (const [method, headers, status] of [
        ['GET', {}, 200],
        ['HEAD', {}, 200],
        ['GET', { range: 'bytes=0-9' }, 206],
      ] as const) {
        const got = await fetch(artifact.url, { method, headers });
        expect(got.status).toBe(status);
        // Devices still get the declared type; browsers may neither sniff nor render it.
        expect(got.headers.get('content-type')).toBe('text/html');
        expect(got.headers.get('content-disposition')).toBe('attachment; filename="evil_page-1.0"');
        expect(got.headers.get('x-content-type-options')).toBe('nosniff');
        expect(got.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
        if (status === 206) expect(await got.text()).toBe(HTML.slice(0, 10));
        else if (method === 'GET') expect(await got.text()).toBe(HTML);
      }
    });
  });

  describe('headers on every answer', () => {
    it('the console SPA gets the console CSP: own scripts only, workers for Monaco, never framed', async () => {
      for (const page of ['/', '/devices/some-device']) {
        const res = await fetch(`${server.baseUrl}${page}`);
        expect(res.status).toBe(200);
        const csp = expectBaseHeaders(res);
        expect(csp).toContain("script-src 'self'");
        expect(csp).toMatch(/worker-src [^;]*'self'/);
        expect(res.headers.get('x-frame-options')).toBe('DENY');
      }
    });

    it('API answers, signed in or not, get the strict CSP; authenticated JSON is no-store', async () => {
      const signedIn = await server.api('GET', '/api/v1/devices');
      expect(signedIn.status).toBe(200);
      expect(expectBaseHeaders(signedIn)).toContain("default-src 'none'");
      expect(signedIn.headers.get('cache-control')).toBe('no-store');
      const anonymous = await fetch(`${server.baseUrl}/api/v1/devices`);
      expect(anonymous.status).toBe(401);
      expectBaseHeaders(anonymous);
      expect(anonymous.headers.get('strict-transport-security')).toBeNull();
    });

    it('device pages under /ui and the DM endpoint get them too', async () => {
      const page = await fetch(`${server.baseUrl}/ui/no-such-page-token`);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      // same-origin there: the page's form POST must carry its real Origin, not `null`.
      const csp = expectBaseHeaders(page, 'same-origin');
      expect(csp).toContain("default-src 'none'");
      const dm = await fetch(`${server.baseUrl}/dm`, { method: 'POST', body: '{}' });
      expect(dm.status).toBeGreaterThanOrEqual(400);
      expectBaseHeaders(dm);
    });

    it('sends HSTS when a loopback TLS proxy forwarded the request', async () => {
      const res = await fetch(`${server.baseUrl}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    });
  });

  describe('CSRF: cookie-authenticated changes', () => {
    const register = (headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/api/v1/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          devId: `IMEI:35000000000${String(devices++).padStart(4, '0')}`,
          secret: 'device-secret-0123456789',
        }),
      });
    const expectRefused = async (res: Response) => {
      expect(res.status).toBe(403);
      const body = errorResponseSchema.parse(await res.json());
      expect(body.error.code).toBe('FORBIDDEN');
    };

    it('refuses a foreign Origin, an opaque one and a request that names no origin', async () => {
      await expectRefused(await register({ cookie, origin: FOREIGN }));
      await expectRefused(await register({ cookie, origin: 'null' }));
      await expectRefused(await register({ cookie, referer: `${FOREIGN}/page` }));
      await expectRefused(await register({ cookie }));
      await expectRefused(
        await fetch(`${server.baseUrl}/api/v1/auth/logout`, {
          method: 'POST',
          headers: { cookie, origin: FOREIGN },
        }),
      );
    });

    it('accepts the console’s own Origin, or its Referer when Origin is absent', async () => {
      expect((await register({ cookie, origin: server.baseUrl })).status).toBe(201);
      expect((await register({ cookie, referer: `${server.baseUrl}/devices` })).status).toBe(201);
    });

    it('lets a client that still holds the cookie sign in again without an Origin, not from a foreign one', async () => {
      const signIn = (headers: Record<string, string>) =>
        fetch(`${server.baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, ...headers },
          body: JSON.stringify(ADMIN),
        });
      expect((await signIn({})).status).toBe(200);
      await expectRefused(await signIn({ origin: FOREIGN }));
    });

    it('exempts bearer-token requests and reads that change nothing', async () => {
      expect((await register({ authorization: `Bearer ${server.adminToken}` })).status).toBe(201);
      expect((await register({ authorization: `Bearer ${server.adminToken}`, cookie })).status).toBe(201);
      const read = await fetch(`${server.baseUrl}/api/v1/devices`, { headers: { cookie, origin: FOREIGN } });
      expect(read.status).toBe(200);
    });
  });

  describe('socket.io origins', () => {
    const connect = (options: { origin?: string; cookie?: boolean; token?: boolean }) => {
      const extraHeaders: Record<string, string> = {};
      if (options.origin) extraHeaders.origin = options.origin;
      if (options.cookie) extraHeaders.cookie = cookie;
      const socket = ioClient(server.baseUrl, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders,
        ...(options.token ? { auth: { token: server.adminToken } } : {}),
      });
      sockets.push(socket);
      return new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (err) => resolve(err.message));
      });
    };

    it('refuses a foreign Origin even with a valid cookie or token', async () => {
      expect(await connect({ origin: FOREIGN, cookie: true })).not.toBe('connected');
      expect(await connect({ origin: FOREIGN, token: true })).not.toBe('connected');
    });

    it('accepts the console’s own Origin with the cookie', async () => {
      expect(await connect({ origin: server.baseUrl, cookie: true })).toBe('connected');
    });

    it('without Origin, accepts a token but not the cookie alone', async () => {
      expect(await connect({ token: true })).toBe('connected');
      expect(await connect({ cookie: true })).toBe('UNAUTHENTICATED');
    });
  });
});
