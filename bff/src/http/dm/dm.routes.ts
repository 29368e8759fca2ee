// The DM Protocol endpoints: P1 at POST /dm, P3 at POST /dm/s/:token (profile §1–§4). Checks happen
// in the profile's order and before anything is stored: 415, 406, 413 (before parsing), then 400.
import express, { Router, type Request, type Response } from 'express';
import { MEDIA_TYPES, DEVID_HEADER } from '@dmc/shared/protocol';
import type { DmSessionService } from '../../domain/dm/dm-session.service';
import type { DmReply, DmRequest } from '../../domain/dm/dm-types';
import { sendProblem } from '../problem';
import { accepts, mediaTypeOf } from './media';

function sendReply(res: Response, reply: DmReply): void {
  if (reply.status === 200) {
    res
      .status(200)
      .type(MEDIA_TYPES.request)
      .send(JSON.stringify({ CMD: reply.commands }));
    return;
  }
  if (reply.challenges) res.setHeader('WWW-Authenticate', reply.challenges);
  sendProblem(res, reply.status, reply.code, reply.message, reply.details);
}

function checkMedia(req: Request, res: Response, expected: string): boolean {
  if (mediaTypeOf(req.headers['content-type']) !== expected) {
    sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${expected}.`);
    return false;
  }
  if (!accepts(req.headers.accept, MEDIA_TYPES.request)) {
    sendProblem(res, 406, 'NOT_ACCEPTABLE', `This server answers with ${MEDIA_TYPES.request} only.`);
    return false;
  }
  return true;
}

function toDmRequest(req: Request, res: Response): DmRequest | undefined {
  const raw: unknown = req.body;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : '');
  } catch {
    sendProblem(res, 400, 'BAD_REQUEST', 'The package is not valid JSON.');
    return undefined;
  }
  return {
    devId: req.header(DEVID_HEADER),
    authorization: req.headers.authorization,
    method: req.method,
    uri: req.originalUrl,
    body,
  };
}

export function dmRoutes(sessions: DmSessionService, options: { maxPackageBytes: number }): Router {
  const router = Router();
  const readBody = express.raw({ type: () => true, limit: options.maxPackageBytes });

  router.post(
    '/dm',
    (req, res, next) => (checkMedia(req, res, MEDIA_TYPES.initiation) ? next() : undefined),
    readBody,
    async (req, res) => {
      const request = toDmRequest(req, res);
      if (request) sendReply(res, await sessions.initiate(request));
    },
  );

  router.post(
    '/dm/s/:token',
    (req, res, next) => (checkMedia(req, res, MEDIA_TYPES.response) ? next() : undefined),
    readBody,
    async (req, res) => {
      const request = toDmRequest(req, res);
      const token = req.params.token;
      if (request && typeof token === 'string') sendReply(res, await sessions.continue(token, request));
    },
  );

  // EXEC's ServerURI: the device opens a new session here to deliver the outcome (profile §8).
  router.post(
    '/dm/jobs/:token',
    (req, res, next) => (checkMedia(req, res, MEDIA_TYPES.initiation) ? next() : undefined),
    readBody,
    async (req, res) => {
      const request = toDmRequest(req, res);
      const jobToken = req.params.token;
      if (request && typeof jobToken === 'string')
        sendReply(res, await sessions.initiate(request, { jobToken }));
    },
  );

  return router;
}
