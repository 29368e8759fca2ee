// The API's two descriptions as the service routes serve them: OpenAPI for the REST routes, built
// from the operation table, and AsyncAPI for the live events; serialized once per app.
import { API_OPERATIONS } from '../routes/console-api';
import { VERSION } from '../routes/health.routes';
import { buildAsyncApiDocument } from './asyncapi-document';
import { buildOpenApiDocument } from './openapi-document';

export function apiDocumentsJson(serverUrl: string): { openApiJson: string; asyncApiJson: string } {
  return {
    openApiJson: JSON.stringify(
      buildOpenApiDocument({ version: VERSION, serverUrl, operations: API_OPERATIONS }),
    ),
    asyncApiJson: JSON.stringify(buildAsyncApiDocument({ version: VERSION, serverUrl })),
  };
}
