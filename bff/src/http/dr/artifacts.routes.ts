// Artifact downloads (protocol §1, §8): GET|HEAD /dr/artifacts/:id. No login: the unguessable id is
// the capability. Range, ETag and Repr-Digest let a device resume a download and check its integrity.
// Whatever its Content-Type, an artifact goes out as an attachment with nosniff and a sandboxing CSP.
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { ArtifactService } from '../../domain/artifacts/artifact.service';
import { capabilityRoute } from '../../domain/capabilities/capability-urls';
import { param } from '../params';
import { setArtifactHeaders } from '../security-headers';
import { ifRangeMatches, isNotModified, parseByteRange, type RangeDecision } from './byte-ranges';

function isClientGone(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE'
  );
}

export function artifactDrRoutes(artifacts: ArtifactService): Router {
  const router = Router();

  const serve = async (req: Request, res: Response) => {
    const { row, open } = await artifacts.download(param(req, 'id'));
    const etag = `"${row.sha256}"`;
    // Profile §10: a download, never a page of the console's origin (an uploaded text/html included).
    setArtifactHeaders(res, `${row.name}-${row.version}`);
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', row.createdAt.toUTCString());
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Accept-Ranges', 'bytes');
    // RFC 9530: the digest of the whole representation, also on 206, so a resumed download can be checked.
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`);
    if (isNotModified(req.headers, etag, row.createdAt)) {
      res.status(304).end();
      return;
    }
    // RFC 9110 §14.2: Range is defined for GET only; HEAD describes the whole representation.
    const range: RangeDecision =
      req.method === 'GET' && ifRangeMatches(req.get('if-range'), etag, row.createdAt)
        ? parseByteRange(req.headers.range, row.size)
        : { kind: 'full' };
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${row.size}`);
      res.status(416).end();
      return;
    }
    res.setHeader('Content-Type', row.contentType);
    if (range.kind === 'partial') {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${row.size}`);
      res.setHeader('Content-Length', range.end - range.start + 1);
    } else {
      res.status(200);
      res.setHeader('Content-Length', row.size);
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(open(range.kind === 'partial' ? range : undefined), res);
    } catch (err) {
      if (!isClientGone(err)) throw err;
    }
  };
  router.get(capabilityRoute('artifact', 'id'), serve);
  router.head(capabilityRoute('artifact', 'id'), serve);

  return router;
}
