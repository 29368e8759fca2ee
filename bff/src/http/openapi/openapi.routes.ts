// GET /api/v1/openapi.json (profile §8). Public: mount it before the /api/v1 authentication.
import { Router } from 'express';
import { API_BASE } from '@dmc/shared/api';
import { VERSION } from '../routes/health.routes';
import { buildOpenApiDocument } from './openapi-document';

export function openApiRoutes(options: { serverUrl: string; version?: string }): Router {
  const router = Router();
  // Built and serialized once; Express derives an ETag from the body and answers 304 when it matches.
  const body = JSON.stringify(
    buildOpenApiDocument({ version: options.version ?? VERSION, serverUrl: options.serverUrl }),
  );
  router.get(`${API_BASE}/openapi.json`, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/json').send(body);
  });
  return router;
}
