// Request bodies read with a bound, and the 413 for one beyond it (protocol §12). A client that is
// still sending when the server decides must still read its 413: closing the connection at once
// makes an ordinary HTTP client see a reset instead. So the answer is written at once and the rest of
// the body is read and thrown away, up to `maxDiscardBytes` (and DISCARD_TIMEOUT_MS); the connection
// closes after that, or when the body ends, whichever comes first. Nothing read is kept.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemBody, type Problem } from './problem';

/** DMC_MAX_DISCARD_BYTES unless configured: how much of an oversized body is read off and dropped. */
export const DEFAULT_MAX_DISCARD_BYTES = 8 * 1024 * 1024;
/** A client sending slower than this after its 413 is cut off sooner. */
const DISCARD_TIMEOUT_MS = 10_000;

export const TOO_LARGE: Problem = {
  status: 413,
  code: 'PAYLOAD_TOO_LARGE',
  message: 'The request body is too large.',
};

/** The request's declared Content-Length, if it sent a valid one. */
function declaredLength(req: IncomingMessage): number | undefined {
  const value = req.headers['content-length'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Reads the body up to `limit` bytes. Resolves undefined when it is larger (declared or actual); the
 * rest is then left unread, for answerTooLarge to discard. Rejects (status 400) when the client goes
 * away mid-body.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    // A client that goes away mid-body: nothing to answer, nothing was stored.
    const onClose = () => {
      if (req.complete) return;
      stop();
      reject(Object.assign(new Error('The request was aborted.'), { status: 400 }));
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('close', onClose);
  });
}

/**
 * Answers a body that is too large (413, or `problem`): the answer goes out at once, then what the
 * client still sends is read and dropped, up to `maxDiscardBytes`, and the connection closes.
 */
export function answerTooLarge(
  req: IncomingMessage,
  res: ServerResponse,
  options: { maxDiscardBytes: number; requestId: string | undefined; problem?: Problem },
): void {
  const problem = options.problem ?? TOO_LARGE;
  const body = JSON.stringify(problemBody(problem, options.requestId));
  res.writeHead(problem.status, {
    ...problem.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // Unread bytes would be taken for the next request on this connection.
    Connection: 'close',
  });
  if (req.complete || req.destroyed) {
    res.end(body);
    return;
  }
  // The whole answer now, so a client reading while it sends has it; the end (and with it the close
  // of the connection) once the body is off the wire or the bound is passed.
  res.write(body);
  let discarded = 0;
  const finish = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', finish);
    req.off('close', finish);
    res.end();
  };
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > options.maxDiscardBytes) {
      req.pause();
      finish();
    }
  };
  const timer = setTimeout(finish, DISCARD_TIMEOUT_MS);
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  req.resume();
}
