// Artifacts on the console API (profile §8). Uploads are the raw bytes, streamed to the blob store:
// no body parser reads them, so this router works behind express.json() (which skips other types).
import { Router, type Request } from 'express';
import { ARTIFACT_UPLOAD_MEDIA_TYPE, API_BASE, apiRoutes, createArtifactQuerySchema } from '@dmc/shared/api';
import type { ArtifactService } from '../../domain/artifacts/artifact.service';
import { allow } from '../authn';
import { mediaTypeOf } from '../dm/media';
import { param } from '../params';
import { sendProblem } from '../problem';
import { parseInput } from '../validate';

function declaredLength(req: Request): number | undefined {
  const value = req.headers['content-length'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function hasContentCoding(req: Request): boolean {
  const coding = req.headers['content-encoding']?.trim().toLowerCase();
  return coding !== undefined && coding !== '' && coding !== 'identity';
}

export function artifactRoutes(artifacts: ArtifactService): Router {
  const router = Router();

  router.post(apiRoutes.artifacts, allow('artifacts:write'), async (req, res) => {
    // The stored bytes must be exactly what devices will download: no other type, no content coding.
    if (mediaTypeOf(req.headers['content-type']) !== ARTIFACT_UPLOAD_MEDIA_TYPE || hasContentCoding(req)) {
      sendProblem(
        res,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Upload the raw bytes as ${ARTIFACT_UPLOAD_MEDIA_TYPE}.`,
      );
      return;
    }
    const query = parseInput(createArtifactQuerySchema, req.query, 'query');
    const declaredSize = declaredLength(req);
    try {
      const artifact = await artifacts.upload(query, req, declaredSize === undefined ? {} : { declaredSize });
      res.status(201).location(apiRoutes.artifact(artifact.id)).json(artifact);
    } catch (err) {
      if (req.readableAborted) return; // the client went away mid-upload: nothing to answer, nothing stored
      // Read off what the client is still sending, so it receives the answer (e.g. 413) on a
      // connection that stays usable.
      if (!req.readableEnded) req.resume();
      throw err;
    }
  });

  router.get(apiRoutes.artifacts, allow('fleet:read'), async (_req, res) => {
    res.json(await artifacts.list());
  });

  router.get(`${API_BASE}/artifacts/:id`, allow('fleet:read'), async (req, res) => {
    res.json(await artifacts.get(param(req, 'id')));
  });

  router.delete(`${API_BASE}/artifacts/:id`, allow('artifacts:write'), async (req, res) => {
    await artifacts.remove(param(req, 'id'));
    res.status(204).end();
  });

  return router;
}
