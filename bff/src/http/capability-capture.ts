// Tells the session inspector of every request to a command's capability URL (DR objects and
// inboxes, device pages) once it is answered (profile §13). It only watches: the routes answer.
import type { RequestHandler } from 'express';
import type { Clock } from '../domain/ports';
import { parseCapabilityPath } from '../domain/capabilities/capability-urls';
import type { CapabilityCapture, CapabilityRequest } from '../domain/session-log/capability-capture';

const WATCHED = new Set(['object', 'inbox', 'page']);

function decode(token: string): string | undefined {
  try {
    return decodeURIComponent(token);
  } catch {
    return undefined;
  }
}

/** The upload or form as received: JSON of an upload's bytes, the fields of a page's form. */
function requestBodyOf(body: unknown): unknown {
  if (Buffer.isBuffer(body)) {
    if (body.length === 0) return undefined;
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      return { unreadable: true, bytes: body.length };
    }
  }
  return typeof body === 'object' && body !== null && Object.keys(body).length > 0 ? body : undefined;
}

export function captureCapabilityRequests(capture: CapabilityCapture, clock: Clock): RequestHandler {
  return (req, res, next) => {
    const capability = parseCapabilityPath(req.path);
    const token = capability && WATCHED.has(capability.kind) ? decode(capability.token) : undefined;
    if (!capability || token === undefined) {
      next();
      return;
    }
    const at = clock.now();
    const started = performance.now();
    res.once('finish', () => {
      const requestBody = req.method === 'GET' || req.method === 'HEAD' ? undefined : requestBodyOf(req.body);
      capture.record({
        capability: capability.kind as CapabilityRequest['capability'],
        token,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: performance.now() - started,
        at,
        ...(requestBody === undefined ? {} : { requestBody }),
      });
    });
    next();
  };
}
