// Content Delivery (protocol §1): GET /dr/objects/:id for HGET, PUT|POST /dr/inbox/:token for uploads.
// The unguessable id or token is the authorization.
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { MEDIA_TYPES } from '@dmc/shared/protocol';
import { capabilityRoute } from '../../domain/capabilities/capability-urls';
import type { DrService } from '../../domain/dr/dr.service';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../protocol/codec';
import { rawBody } from '../body-parsers';
import { sendProblem } from '../problem';
import { param } from '../params';
import { mediaTypeOf } from '../dm/media';

const UPLOAD_TYPES = new Set([MEDIA_TYPES.moData, 'application/json']);

export function drRoutes(
  dr: DrService,
  options: { maxUploadBytes: number; maxDiscardBytes: number },
): Router {
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

  const receive = async (req: Request, res: Response) => {
    if (!UPLOAD_TYPES.has(mediaTypeOf(req.headers['content-type']) ?? '')) {
      // protocol §4: a 415 names what the DR accepts, so the device can retry with one of them.
      res.setHeader('OMADM-Accept', `${MEDIA_TYPES.moData}, application/json`);
      sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Upload ${MEDIA_TYPES.moData}.`);
      return;
    }
    const raw: unknown = req.body;
    const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
    // protocol §12: nothing nested deeper than MAX_JSON_DEPTH is parsed or stored.
    if (nestsDeeperThan(bytes)) {
      const message = `The upload nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`;
      sendProblem(res, 413, 'PAYLOAD_TOO_LARGE', message);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      sendProblem(res, 400, 'BAD_REQUEST', 'The upload is not valid JSON.');
      return;
    }
    const result = await dr.receiveUpload(param(req, 'token'), body);
    res.status(200).json(result);
  };
  // An upload over the limit gets 413 while its rest is discarded, up to a bound (protocol §12).
  const readBody = rawBody({ maxBytes: options.maxUploadBytes, maxDiscardBytes: options.maxDiscardBytes });
  router.put(capabilityRoute('inbox'), readBody, receive);
  router.post(capabilityRoute('inbox'), readBody, receive);

  return router;
}
