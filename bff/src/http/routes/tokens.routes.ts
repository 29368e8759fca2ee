// API tokens for integrations (protocol §10): created (the secret shown once), listed and revoked.
import { apiRoutes } from '@dmc/shared/api';
import { currentCredential } from '../authn';
import { defineOperation, type ApiOperation } from '../operation';

const tokenPath = `${apiRoutes.apiTokens}/:id` as const;

export const tokenOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: apiRoutes.apiTokens,
    operationId: 'createApiToken',
    summary: 'Create an API token; its secret is in this answer only',
    tag: 'tokens',
    // Any signed-in user, for a role no higher than its own (403); never with an API token (403).
    access: { kind: 'signed-in' },
    body: 'CreateApiTokenInput',
    success: {
      status: 201,
      description: 'Created. `token` is shown this once; only its hash is stored.',
      schema: 'CreatedApiToken',
    },
    errors: [400, 403, 409],
    handle: ({ body, res }, { apiTokens }) => apiTokens.create(currentCredential(res), body),
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.apiTokens,
    operationId: 'listApiTokens',
    summary: "The caller's API tokens (an admin's list has everyone's), never their secrets",
    tag: 'tokens',
    access: { kind: 'signed-in' },
    success: { status: 200, description: 'The API tokens not yet expired.', schema: 'ApiTokenList' },
    errors: [],
    handle: ({ res }, { apiTokens }) => apiTokens.list(currentCredential(res)),
  }),
  defineOperation({
    method: 'delete',
    path: tokenPath,
    operationId: 'revokeApiToken',
    summary: 'Revoke an API token (its owner, or an admin)',
    tag: 'tokens',
    access: { kind: 'signed-in' },
    success: { status: 204, description: 'Revoked; it is refused from now on.' },
    errors: [404],
    handle: ({ params, res }, { apiTokens }) => apiTokens.revoke(currentCredential(res), params.id),
  }),
];
