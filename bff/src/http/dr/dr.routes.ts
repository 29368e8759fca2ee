// Content Delivery (protocol §1): GET /dr/objects/:id for HGET, PUT|POST /dr/inbox/:token for uploads.
// The unguessable id or token is the authorization.
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { MEDIA_TYPES } from '@dmc/shared/protocol';
import { capabilityRoute } from '../../domain/capabilities/capability-urls';
import type { DrService } from '../../domain/dr/dr.service';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../protocol/codec';
import { rawBody } from '../body-parsers';
import type { RefusalReport } from '../../domain/refusals/refusal.service';
import type { ErrorMapper } from '../error-handler';
import { writeProblem, type Problem } from '../problem';
import { TOO_LARGE } from '../request-body';
import { param } from '../params';
import { mediaTypeOf } from '../dm/media';

const UPLOAD_TYPES = new Set([MEDIA_TYPES.moData, 'application/json']);

export interface DrRouteOptions {
  maxUploadBytes: number;
  maxDiscardBytes: number;
  mapError: ErrorMapper;
  /** Told of every refused upload (4xx) with the inbox token it was sent to. */
  onRefused?: (token: string, report: RefusalReport) => void;
}

const TOO_LARGE_UPLOAD: RefusalReport = {
  endpoint: 'dr-inbox',
  status: TOO_LARGE.status,
  code: TOO_LARGE.code,
  reason: TOO_LARGE.message,
};

export function drRoutes(dr: DrService, options: DrRouteOptions): Router {
  const router = Router();

  const serveObject = async (req: Request, res: Response) => {
    const row = await dr.readObject(param(req, 'id'));
    const etag = `"${createHash('sha256').update(row.body).digest('base64url').slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type(row.contentType);
    if (req.method === 'HEAD') {
      res.setHeader('Content-Length', Buffer.byteLength(row.body));
      res.end();
      return;
    }
    res.send(row.body);
  };
  router.get(capabilityRoute('object', 'id'), serveObject);
  router.head(capabilityRoute('object', 'id'), serveObject);

  /** Answers a refused upload and tells onRefused, for the record of the inbox's device (issue 12). */
  const refuse = (req: Request, res: Response, problem: Problem) => {
    const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : undefined;
    if (!res.headersSent) writeProblem(res, problem, requestId);
    if (problem.status >= 400 && problem.status < 500) {
      const { status, code, message } = problem;
      options.onRefused?.(param(req, 'token'), { endpoint: 'dr-inbox', status, code, reason: message });
    }
  };

  const receive = async (req: Request, res: Response) => {
    if (!UPLOAD_TYPES.has(mediaTypeOf(req.headers['content-type']) ?? '')) {
      // protocol §4: a 415 names what the DR accepts, so the device can retry with one of them.
      const headers = { 'OMADM-Accept': `${MEDIA_TYPES.moData}, application/json` };
      const message = `Upload ${MEDIA_TYPES.moData}.`;
      refuse(req, res, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message, headers });
      return;
    }
    const raw: unknown = req.body;
    const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
    // protocol §12: nothing nested deeper than MAX_JSON_DEPTH is parsed or stored.
    if (nestsDeeperThan(bytes)) {
      const message = `The upload nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`;
      refuse(req, res, { status: 413, code: 'PAYLOAD_TOO_LARGE', message });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      refuse(req, res, { status: 400, code: 'BAD_REQUEST', message: 'The upload is not valid JSON.' });
      return;
    }
    try {
      res.status(200).json(await dr.receiveUpload(param(req, 'token'), body));
    } catch (err) {
      const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : undefined;
      refuse(req, res, options.mapError(err, requestId));
    }
  };
  // An upload over the limit gets 413 while its rest is discarded, up to a bound (protocol §12).
  const readBody = rawBody({
    maxBytes: options.maxUploadBytes,
    maxDiscardBytes: options.maxDiscardBytes,
    onTooLarge: (req) => options.onRefused?.(param(req, 'token'), TOO_LARGE_UPLOAD),
  });
  router.put(capabilityRoute('inbox'), readBody, receive);
  router.post(capabilityRoute('inbox'), readBody, receive);

  return router;
}
