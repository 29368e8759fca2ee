// Oversized bodies over real HTTP (protocol §12): an ordinary node:http client that is still sending
// reads its 413 and the problem body, because the server reads and discards the rest of the body up
// to a bound; a client that sends on beyond the bound has its connection closed.
import { request } from 'node:http';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { MEDIA_TYPES } from '@dmc/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';

const LIMIT = 64 * 1024;
// Larger than what loopback socket buffers take in at once, so a server that closed at once would cut
// the client off mid-body.
const DISCARD = 16 * 1024 * 1024;
/** What a client that never stops would send at most; far beyond the discard bound. */
const ENDLESS = 256 * 1024 * 1024;
const CHUNK = Buffer.alloc(16 * 1024, 0x20);

interface Sent {
  status: number | undefined;
  body: unknown;
  /** Whether the client got its whole body out before the connection ended. */
  sentAll: boolean;
  /** Bytes of the body the client got out before the connection ended. */
  written: number;
  /** How the connection failed, if it did (ECONNRESET, EPIPE). */
  error: string | undefined;
}

/** Status and JSON body of a raw HTTP/1.1 answer. */
function parseAnswer(raw: string): Pick<Sent, 'status' | 'body'> {
  const status = /^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1];
  const text = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the failure message.
  }
  return { status: status === undefined ? undefined : Number(status), body };
}

/**
 * A client that sends its whole body whatever the server answers meanwhile, as many devices do: it
 * POSTs `size` bytes (declared in Content-Length, or chunked) as fast as the connection takes them,
 * reads what comes back, and settles when the connection is over.
 */
function sendAll(url: string, headers: Record<string, string>, size: number, chunked = false): Promise<Sent> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let raw = '';
    let written = 0;
    let sentAll = false;
    let error: string | undefined;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
    socket.on('close', () => resolve({ ...parseAnswer(raw), sentAll, written, error }));
    const head = Object.entries({
      ...headers,
      Host: `${hostname}:${port}`,
      ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(size) }),
    }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`POST ${pathname} HTTP/1.1\r\n${head.join('')}\r\n`);
    const pump = () => {
      while (written < size && !socket.destroyed) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, size - written));
        written += piece.length;
        const frame = chunked
          ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
          : piece;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (socket.destroyed) return;
      socket.end(chunked ? '0\r\n\r\n' : '', () => (sentAll = true));
    };
    pump();
  });
}

/** An ordinary node:http client: sends the body (Content-Length) and reads the answer. */
function post(url: string, headers: Record<string, string>, size: number): Promise<Sent> {
  return new Promise((resolve) => {
    let status: number | undefined;
    let text = '';
    let written = 0;
    let error: string | undefined;
    const req = request(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(size) } });
    req.on('response', (res) => {
      status = res.statusCode;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ ...parseAnswer(`HTTP/1.1 ${status}\r\n\r\n${text}`), sentAll: false, written, error }),
      );
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      error = err.code ?? err.message;
      resolve({ status, body: text, sentAll: false, written, error });
    });
    const pump = () => {
      while (written < size && !req.destroyed) {
        written += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

function expectTooLarge(sent: Sent): void {
  expect(sent.status).toBe(413);
  expect(sent.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
}

describe('oversized bodies', () => {
  let server: TestServer;
  const dm = () => `${server.baseUrl}/dm`;
  const inbox = () => `${server.baseUrl}/dr/inbox/${randomBytes(24).toString('base64url')}`;
  const api = () => `${server.baseUrl}/api/v1/auth/login`;
  const P1 = { 'Content-Type': MEDIA_TYPES.initiation, Accept: MEDIA_TYPES.request, 'OMADM-DevID': 'IMEI:1' };
  const UPLOAD = { 'Content-Type': MEDIA_TYPES.moData };
  const JSON_BODY = { 'Content-Type': 'application/json' };

  beforeAll(async () => {
    server = await startTestServer({ settings: { maxPackageBytes: LIMIT, maxDiscardBytes: DISCARD } });
  });
  afterAll(async () => {
    await server.close();
  });

  describe.each([
    ['a P1 at /dm', dm, P1, LIMIT],
    ['a DR upload', inbox, UPLOAD, LIMIT],
    ['the console API', api, JSON_BODY, 1024 * 1024],
  ])('%s', (_name, url, headers, limit) => {
    const within = limit + DISCARD / 2;

    it('is answered 413 with the problem body to a node:http client that is still sending', async () => {
      const sent = await post(url(), headers, within);
      expectTooLarge(sent);
    });

    it('is read off to its end, answered 413, and then the connection closes cleanly', async () => {
      const sent = await sendAll(url(), headers, within);
      expectTooLarge(sent);
      expect(sent.error).toBeUndefined();
      expect(sent.sentAll).toBe(true);
    });

    it('is read off to its end without a Content-Length too', async () => {
      const sent = await sendAll(url(), headers, within, true);
      expectTooLarge(sent);
      expect(sent.error).toBeUndefined();
      expect(sent.sentAll).toBe(true);
    });

    it('has its connection closed beyond the discard bound, after the 413', async () => {
      const sent = await sendAll(url(), headers, ENDLESS);
      expectTooLarge(sent);
      expect(sent.sentAll).toBe(false);
      expect(sent.written).toBeLessThan(ENDLESS);
    });
  });

  it('the server answers as usual afterwards', async () => {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});
