// Builds the console API's OpenAPI 3.1 document (protocol §8) from the operation table
// (routes/console-api.ts) and the shared zod contracts. Every JSON schema in it comes from
// z.toJSONSchema; none is written by hand.
import { z } from 'zod';
import { SESSION_COOKIE } from '@dmc/shared/api';
import { PERMISSIONS } from '../../domain/auth/permissions';
import { pathParameterNames, type ApiAccess, type ApiOperation, type ErrorStatus } from '../operation';
import { INPUT_COMPONENTS, OUTPUT_COMPONENTS, PATH_PARAMETERS } from './components';
import { API_TAGS } from './tags';

type JsonObject = Record<string, unknown>;
type Io = 'input' | 'output';

const SCHEMA_REF = '#/components/schemas/';
const JSON_MEDIA_TYPE = 'application/json';

const ERROR_RESPONSES: Readonly<Record<ErrorStatus, { name: string; description: string }>> = {
  400: { name: 'BadRequest', description: 'The request is not valid (`VALIDATION_FAILED`, `BAD_REQUEST`).' },
  401: {
    name: 'Unauthenticated',
    description: 'No valid bearer token or session cookie (`UNAUTHENTICATED`).',
  },
  403: { name: 'Forbidden', description: 'The role may not do this (`FORBIDDEN`).' },
  404: { name: 'NotFound', description: 'No such device or command (`NOT_FOUND`).' },
  409: { name: 'Conflict', description: 'The request conflicts with the current state (`CONFLICT`).' },
  413: { name: 'PayloadTooLarge', description: 'The body is over the size limit (`PAYLOAD_TOO_LARGE`).' },
  415: { name: 'UnsupportedMediaType', description: 'Wrong Content-Type (`UNSUPPORTED_MEDIA_TYPE`).' },
  429: {
    name: 'TooManyRequests',
    description: 'Too many failed sign-ins; retry after `Retry-After` seconds (`TOO_MANY_REQUESTS`).',
  },
};

const CREDENTIALS = [{ bearerAuth: [] }, { sessionCookie: [] }];

function securityOf(access: ApiAccess): JsonObject[] {
  switch (access.kind) {
    case 'public':
      return [];
    case 'optional':
      return [{}, ...CREDENTIALS];
    case 'signed-in':
    case 'action':
      return CREDENTIALS;
  }
}

function withoutDialect(schema: JsonObject): JsonObject {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

/**
 * One zod schema as an inline JSON schema (OpenAPI 3.1 uses draft 2020-12; the AsyncAPI document,
 * `asyncapi-document.ts`, draft 7).
 */
export function inlineSchema(
  schema: z.ZodType,
  io: Io,
  target: 'draft-2020-12' | 'draft-7' = 'draft-2020-12',
): JsonObject {
  return withoutDialect(z.toJSONSchema(schema, { target, io }));
}

/** Converts a table of named schemas; a schema used inside another becomes a $ref to its component. */
function componentSchemas(table: Readonly<Record<string, z.ZodType>>, io: Io): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(table)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `${SCHEMA_REF}${id}`,
  });
  const out: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // zod gathers unnamed recursive schemas under "__shared"; they must be named components instead.
    if (!(id in table))
      throw new Error(`Unnamed shared JSON schema "${id}": add the recursive schema as a component.`);
    out[id] = withoutDialect(schema);
  }
  return out;
}

function ref(name: string): JsonObject {
  return { $ref: `${SCHEMA_REF}${name}` };
}

function jsonContent(schema: JsonObject): JsonObject {
  return { [JSON_MEDIA_TYPE]: { schema } };
}

function pathParameters(path: string): JsonObject[] {
  return pathParameterNames(path).map((name) => {
    const param = PATH_PARAMETERS[name];
    if (!param) throw new Error(`No schema for path parameter "${name}" of ${path}.`);
    return {
      name,
      in: 'path',
      required: true,
      description: param.description,
      schema: inlineSchema(param.schema, 'input'),
    };
  });
}

function queryParameters(query: z.ZodObject): JsonObject[] {
  const schema = inlineSchema(query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }));
}

function describeAccess(access: ApiAccess): string {
  switch (access.kind) {
    case 'public':
      return 'No authentication.';
    case 'optional':
      return 'Uses the bearer token or session cookie when one is sent.';
    case 'signed-in':
      return 'Any signed-in user.';
    case 'action': {
      const roles = Object.entries(PERMISSIONS)
        .filter(([, actions]) => actions.includes(access.action))
        .map(([role]) => role);
      return `Roles: ${roles.join(', ')} (permission \`${access.action}\`).`;
    }
  }
}

function errorStatuses(op: ApiOperation): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(op.errors);
  if (op.access.kind === 'signed-in' || op.access.kind === 'action') statuses.add(401);
  if (op.access.kind === 'action') statuses.add(403);
  return [...statuses].sort((a, b) => a - b);
}

function requestBodyOf(op: ApiOperation): JsonObject {
  const { body } = op;
  if (body === undefined) return {};
  if (body === 'binary') {
    return {
      requestBody: {
        required: true,
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
    };
  }
  if (typeof body === 'string') {
    return { requestBody: { required: op.optionalBody !== true, content: jsonContent(ref(body)) } };
  }
  const xml = { schema: { type: 'string', description: body.xml } };
  return {
    requestBody: {
      required: true,
      content: { 'application/xml': xml, 'text/xml': xml, ...jsonContent(ref(body.json)) },
    },
  };
}

function operationObject(op: ApiOperation): JsonObject {
  const { success } = op;
  const successResponse: JsonObject = { description: success.description };
  if (success.schema === 'any-json') successResponse.content = { [JSON_MEDIA_TYPE]: {} };
  else if (success.schema) successResponse.content = jsonContent(ref(success.schema));

  const responses: JsonObject = { [String(success.status)]: successResponse };
  for (const status of errorStatuses(op)) {
    responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
  }
  const query = op.query ?? (typeof op.body === 'object' ? op.body.xmlQuery : undefined);
  const parameters = [...pathParameters(op.path), ...(query ? queryParameters(query) : [])];
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: describeAccess(op.access),
    tags: [op.tag],
    security: securityOf(op.access),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...requestBodyOf(op),
    responses,
  };
}

/** `/api/v1/devices/:devId` → `/api/v1/devices/{devId}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function pathsOf(operations: readonly ApiOperation[]): Record<string, JsonObject> {
  const paths: Record<string, JsonObject> = {};
  for (const op of operations) {
    const item = (paths[openApiPath(op.path)] ??= {});
    if (op.method in item) throw new Error(`Duplicate operation ${op.method.toUpperCase()} ${op.path}.`);
    item[op.method] = operationObject(op);
  }
  return paths;
}

function allComponentSchemas(): Record<string, JsonObject> {
  const clash = Object.keys(INPUT_COMPONENTS).find((name) => name in OUTPUT_COMPONENTS);
  if (clash) throw new Error(`Component "${clash}" is both a request and a response schema.`);
  // Requests are described by what zod accepts, responses by what it produces (defaults applied).
  return { ...componentSchemas(INPUT_COMPONENTS, 'input'), ...componentSchemas(OUTPUT_COMPONENTS, 'output') };
}

function errorResponses(): JsonObject {
  const responses: JsonObject = {};
  for (const { name, description } of Object.values(ERROR_RESPONSES)) {
    responses[name] = { description, content: jsonContent(ref('ErrorResponse')) };
  }
  return responses;
}

export function buildOpenApiDocument(options: {
  version: string;
  serverUrl: string;
  operations: readonly ApiOperation[];
}): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'dmc console API',
      version: options.version,
      description:
        'The console API of the dmc OMA DM 2.0 server. Errors are `{ "error": { "code", "message", "details"? } }`.',
    },
    servers: [{ url: options.serverUrl }],
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    security: CREDENTIALS,
    paths: pathsOf(options.operations),
    components: {
      schemas: allComponentSchemas(),
      responses: errorResponses(),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token (`dmc_…`, POST /api/v1/tokens), or the `token` of POST /api/v1/auth/login with `"bearer": true`.',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The httpOnly cookie POST /api/v1/auth/login sets (the console uses it).',
        },
      },
    },
  };
}
