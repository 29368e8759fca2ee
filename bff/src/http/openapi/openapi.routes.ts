// GET /api/v1/openapi.json and /api/v1/asyncapi.json (protocol §8): public, answered ahead of the
// console API's authentication.
import { API_BASE } from '@dmc/shared/api';
import type { Response } from 'express';
import { SENT, defineOperation, type ApiOperation } from '../operation';

export const OPENAPI_PATH = `${API_BASE}/openapi.json`;
export const ASYNCAPI_PATH = `${API_BASE}/asyncapi.json`;

/**
 * Sends a document built and serialized once. Express derives an ETag from the body and answers 304
 * when it matches.
 */
function sendCachedJson(res: Response, json: string): typeof SENT {
  res.setHeader('Cache-Control', 'public, max-age=300');
  res.type('application/json').send(json);
  return SENT;
}

export const openApiOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: OPENAPI_PATH,
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tag: 'meta',
    access: { kind: 'public' },
    success: { status: 200, description: 'The document.', schema: 'any-json' },
    errors: [],
    handle: ({ res }, { http }) => sendCachedJson(res, http.openApiJson),
  }),
  defineOperation({
    method: 'get',
    path: ASYNCAPI_PATH,
    operationId: 'getAsyncApiDocument',
    summary:
      'The AsyncAPI 3.0 document of the live events (socket.io), generated from the shared event contracts',
    tag: 'meta',
    access: { kind: 'public' },
    success: { status: 200, description: 'The document.', schema: 'any-json' },
    errors: [],
    handle: ({ res }, { http }) => sendCachedJson(res, http.asyncApiJson),
  }),
];
