// Artifacts on the console API (protocol §8). Uploads are the raw bytes, streamed to the blob store:
// no body parser reads them, so this route works behind the API's JSON body reader (which skips other
// types).
import type { Request, RequestHandler } from 'express';
import { ARTIFACT_UPLOAD_MEDIA_TYPE, API_BASE, apiRoutes, createArtifactQuerySchema } from '@dmc/shared/api';
import { mediaTypeOf } from '../dm/media';
import { SENT, defineOperation, type ApiOperation } from '../operation';
import { sendProblem } from '../problem';

function declaredLength(req: Request): number | undefined {
  const value = req.headers['content-length'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function hasContentCoding(req: Request): boolean {
  const coding = req.headers['content-encoding']?.trim().toLowerCase();
  return coding !== undefined && coding !== '' && coding !== 'identity';
}

/** The stored bytes must be exactly what devices will download: no other type, no content coding. */
const rawBytesOnly: RequestHandler = (req, res, next) => {
  if (mediaTypeOf(req.headers['content-type']) !== ARTIFACT_UPLOAD_MEDIA_TYPE || hasContentCoding(req)) {
    sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Upload the raw bytes as ${ARTIFACT_UPLOAD_MEDIA_TYPE}.`);
    return;
  }
  next();
};

const artifact = `${API_BASE}/artifacts/:id` as const;

export const artifactOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: apiRoutes.artifacts,
    operationId: 'uploadArtifact',
    summary: 'Upload a firmware or software package (raw bytes, streamed to storage)',
    tag: 'artifacts',
    access: { kind: 'action', action: 'artifacts:write' },
    query: createArtifactQuerySchema,
    body: 'binary',
    success: {
      status: 201,
      description: 'Stored, with its size and SHA-256.',
      schema: 'Artifact',
      location: (stored) => apiRoutes.artifact(stored.id),
    },
    errors: [400, 413, 415],
    before: [rawBytesOnly],
    async handle({ query, req }, { artifacts }) {
      const declaredSize = declaredLength(req);
      try {
        return await artifacts.upload(query, req, declaredSize === undefined ? {} : { declaredSize });
      } catch (err) {
        if (req.readableAborted) return SENT; // the client went away mid-upload: nothing to answer, nothing stored
        // Read off what the client is still sending, so it receives the answer (e.g. 413) on a
        // connection that stays usable.
        if (!req.readableEnded) req.resume();
        throw err;
      }
    },
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.artifacts,
    operationId: 'listArtifacts',
    summary: 'Stored artifacts, newest first',
    tag: 'artifacts',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The artifacts.', schema: 'ArtifactList' },
    errors: [],
    handle: (_input, { artifacts }) => artifacts.list(),
  }),
  defineOperation({
    method: 'get',
    path: artifact,
    operationId: 'getArtifact',
    summary: 'One artifact',
    tag: 'artifacts',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The artifact.', schema: 'Artifact' },
    errors: [404],
    handle: ({ params }, { artifacts }) => artifacts.get(params.id),
  }),
  defineOperation({
    method: 'delete',
    path: artifact,
    operationId: 'deleteArtifact',
    summary: 'Delete an artifact no operation uses',
    tag: 'artifacts',
    access: { kind: 'action', action: 'artifacts:write' },
    success: { status: 204, description: 'Deleted.' },
    errors: [404, 409],
    handle: ({ params }, { artifacts }) => artifacts.remove(params.id),
  }),
];
