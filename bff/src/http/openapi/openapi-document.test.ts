import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { listAlertsQuerySchema, listDevicesQuerySchema } from '@dmc/shared/api';
import { PERMISSIONS } from '../../domain/auth/permissions';
import { API_OPERATIONS } from '../routes/console-api';
import { INPUT_COMPONENTS, type InputComponent } from './components';
import { buildOpenApiDocument, openApiPath } from './openapi-document';

type Json = Record<string, unknown>;

const doc = buildOpenApiDocument({
  version: '9.9.9',
  serverUrl: 'https://dmc.example',
  operations: API_OPERATIONS,
});
const paths = doc.paths as Record<string, Record<string, Json>>;

function operation(method: string, route: string): Json {
  const op = paths[route]?.[method];
  if (!op) throw new Error(`missing ${method} ${route}`);
  return op;
}

/** [method, path, success status, success schema, error statuses] of every console API route. */
const EXPECTED: readonly [string, string, number, string | null, number[]][] = [
  ['post', '/api/v1/auth/login', 200, 'LoginResponse', [400, 401, 429]],
  ['post', '/api/v1/auth/logout', 204, null, []],
  ['get', '/api/v1/auth/me', 200, 'User', [401]],
  ['get', '/api/v1/auth/sessions', 200, 'AuthSessionList', [401]],
  ['delete', '/api/v1/auth/sessions', 200, 'EndedSessions', [401, 403]],
  ['delete', '/api/v1/auth/sessions/{id}', 204, null, [401, 403, 404]],
  ['post', '/api/v1/tokens', 201, 'CreatedApiToken', [400, 401, 403, 409]],
  ['get', '/api/v1/tokens', 200, 'ApiTokenList', [401]],
  ['delete', '/api/v1/tokens/{id}', 204, null, [401, 404]],
  ['get', '/api/v1/users', 200, 'UserList', [401, 403]],
  ['post', '/api/v1/users', 201, 'User', [400, 401, 403, 409]],
  ['patch', '/api/v1/users/{username}', 200, 'UserAccount', [400, 401, 403, 404, 409]],
  ['delete', '/api/v1/users/{username}', 204, null, [401, 403, 404, 409]],
  ['delete', '/api/v1/users/{username}/lockout', 204, null, [401, 403, 404]],
  ['post', '/api/v1/campaigns/preview', 200, 'CampaignPreview', [400, 401, 403, 404]],
  ['post', '/api/v1/campaigns', 201, 'CreatedCampaign', [400, 401, 403, 404]],
  ['get', '/api/v1/campaigns', 200, 'CampaignList', [400, 401, 403]],
  ['get', '/api/v1/campaigns/{id}', 200, 'Campaign', [401, 403, 404]],
  ['get', '/api/v1/campaigns/{id}/devices', 200, 'CampaignDeviceList', [400, 401, 403, 404]],
  ['post', '/api/v1/campaigns/{id}/approve', 200, 'Campaign', [401, 403, 404, 409]],
  ['post', '/api/v1/campaigns/{id}/start', 200, 'Campaign', [401, 403, 404, 409]],
  ['post', '/api/v1/campaigns/{id}/pause', 200, 'Campaign', [401, 403, 404, 409]],
  ['post', '/api/v1/campaigns/{id}/resume', 200, 'Campaign', [401, 403, 404, 409]],
  ['post', '/api/v1/campaigns/{id}/cancel', 200, 'Campaign', [401, 403, 404, 409]],
  ['get', '/api/v1/devices/{devId}/campaigns', 200, 'DeviceCampaignList', [401, 403, 404]],
  ['post', '/api/v1/devices/bulk', 201, 'CreatedCampaign', [400, 401, 403, 404]],
  ['post', '/api/v1/devices', 201, 'Device', [400, 401, 403, 409]],
  ['get', '/api/v1/devices', 200, 'DevicePage', [400, 401, 403]],
  ['get', '/api/v1/devices/export.csv', 200, null, [400, 401, 403]],
  ['get', '/api/v1/devices/{devId}', 200, 'Device', [401, 403, 404]],
  ['put', '/api/v1/devices/{devId}/labels', 200, 'Device', [400, 401, 403, 404]],
  ['patch', '/api/v1/devices/{devId}/labels', 200, 'Device', [400, 401, 403, 404]],
  ['delete', '/api/v1/devices/{devId}', 204, null, [401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/tree', 200, 'DeviceTree', [400, 401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/tree/diff', 200, 'TreeDiff', [400, 401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/tree/history', 200, 'NodeHistory', [400, 401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/tree/changes', 200, 'TreeChangePoints', [400, 401, 403, 404]],
  ['post', '/api/v1/devices/{devId}/commands', 201, 'QueuedCommand', [400, 401, 403, 404]],
  ['post', '/api/v1/devices/{devId}/commands/dry-run', 200, 'DryRunResult', [400, 401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/commands', 200, 'CommandList', [400, 401, 403, 404]],
  ['get', '/api/v1/commands', 200, 'CommandPage', [400, 401, 403, 404]],
  ['get', '/api/v1/commands/{id}', 200, 'CommandRecord', [401, 403, 404]],
  ['post', '/api/v1/commands/{id}/cancel', 200, 'CommandRecord', [401, 403, 404, 409]],
  ['post', '/api/v1/commands/{id}/retry', 201, 'RetriedCommand', [400, 401, 403, 404, 409]],
  ['get', '/api/v1/devices/{devId}/sessions', 200, 'SessionList', [400, 401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/sessions/{sessionId}', 200, 'InspectedSession', [401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/refusals', 200, 'RefusalList', [401, 403, 404]],
  ['post', '/api/v1/devices/{devId}/notify', 202, 'NotificationRecord', [401, 403, 404, 409]],
  ['get', '/api/v1/devices/{devId}/notifications', 200, 'NotificationList', [400, 401, 403, 404]],
  ['get', '/api/v1/alerts', 200, 'AlertPage', [400, 401, 403]],
  ['post', '/api/v1/alerts/acknowledge', 200, 'AlertList', [400, 401, 403]],
  ['post', '/api/v1/alerts/{id}/acknowledge', 200, 'AlertRecord', [401, 403, 404]],
  ['get', '/api/v1/stats', 200, 'FleetStats', [401, 403]],
  ['get', '/api/v1/stats/alerts', 200, 'AlertStats', [400, 401, 403]],
  ['get', '/api/v1/views', 200, 'SavedViewList', [401, 403]],
  ['post', '/api/v1/views', 201, 'SavedView', [400, 401, 403, 409]],
  ['patch', '/api/v1/views/{id}', 200, 'SavedView', [400, 401, 403, 404, 409]],
  ['delete', '/api/v1/views/{id}', 204, null, [401, 403, 404]],
  ['get', '/api/v1/profiles', 200, 'ProfileList', [401, 403]],
  ['post', '/api/v1/profiles', 201, 'Profile', [400, 401, 403, 409]],
  ['get', '/api/v1/profiles/{id}', 200, 'Profile', [401, 403, 404]],
  ['patch', '/api/v1/profiles/{id}', 200, 'Profile', [400, 401, 403, 404, 409]],
  ['delete', '/api/v1/profiles/{id}', 204, null, [401, 403, 404]],
  ['get', '/api/v1/profiles/{id}/status', 200, 'ProfileStatusPage', [400, 401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/profiles', 200, 'DeviceProfiles', [401, 403, 404]],
  ['post', '/api/v1/pages', 201, 'PageTemplate', [400, 401, 403]],
  ['get', '/api/v1/pages', 200, 'PageTemplateList', [401, 403]],
  ['delete', '/api/v1/pages/{templateId}', 204, null, [401, 403, 404]],
  ['post', '/api/v1/metadata', 201, 'MoMetadata', [400, 401, 403, 409, 413, 415]],
  ['get', '/api/v1/metadata', 200, 'MetadataList', [401, 403]],
  ['get', '/api/v1/metadata/{moid}', 200, 'MoMetadata', [401, 403, 404]],
  ['delete', '/api/v1/metadata/{moid}', 204, null, [401, 403, 404, 409]],
  ['post', '/api/v1/artifacts', 201, 'Artifact', [400, 401, 403, 413, 415]],
  ['get', '/api/v1/artifacts', 200, 'ArtifactList', [401, 403]],
  ['get', '/api/v1/artifacts/{id}', 200, 'Artifact', [401, 403, 404]],
  ['delete', '/api/v1/artifacts/{id}', 204, null, [401, 403, 404, 409]],
  ['post', '/api/v1/devices/{devId}/firmware-updates', 201, 'Operation', [400, 401, 403, 404, 409]],
  ['get', '/api/v1/firmware-updates/{id}', 200, 'Operation', [401, 403, 404]],
  ['post', '/api/v1/devices/{devId}/software-installs', 201, 'Operation', [400, 401, 403, 404, 409]],
  ['get', '/api/v1/software-installs/{id}', 200, 'Operation', [401, 403, 404]],
  ['get', '/api/v1/devices/{devId}/operations', 200, 'OperationList', [400, 401, 403, 404]],
  ['get', '/api/v1/audit/verify', 200, 'AuditVerifyResult', [401, 403]],
  ['get', '/api/v1/audit/export.csv', 200, null, [400, 401, 403]],
  ['get', '/api/v1/audit', 200, 'AuditPage', [400, 401, 403]],
  ['get', '/healthz', 200, 'Health', []],
  ['get', '/readyz', 200, 'ServiceStatus', []],
  ['get', '/api/v1/status', 200, 'ServiceStatus', []],
  ['get', '/metrics', 200, null, [403]],
  ['get', '/api/v1/openapi.json', 200, null, []],
  ['get', '/api/v1/asyncapi.json', 200, null, []],
];

function documentedRoutes(): string[] {
  return Object.entries(paths).flatMap(([route, item]) =>
    Object.keys(item).map((method) => `${method} ${route}`),
  );
}

function resolvePointer(pointer: string): unknown {
  if (!pointer.startsWith('#/')) throw new Error(`external $ref ${pointer}`);
  let node: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Json)[key] : undefined;
  }
  return node;
}

function collect(node: unknown, key: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const item of node) collect(item, key, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) found.push(v);
      collect(v, key, found);
    }
  }
  return found;
}

function schemaOf(name: string): Json {
  return (doc.components as { schemas: Record<string, Json> }).schemas[name] ?? {};
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(schema: Json, value: unknown): boolean {
  if (schema.type === undefined) return true;
  const allowed = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const actual = jsonType(value);
  return allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
}

/** A deliberately small check: `type` and `required` of the schema and `type` of its properties. */
function topLevelErrors(schema: Json, value: unknown): string[] {
  if (!typeMatches(schema, value)) return [`expected ${String(schema.type)}, got ${jsonType(value)}`];
  if (jsonType(value) !== 'object') return [];
  const record = value as Json;
  const errors = ((schema.required ?? []) as string[])
    .filter((k) => !(k in record))
    .map((k) => `missing ${k}`);
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  for (const [k, v] of Object.entries(record)) {
    const property = properties[k];
    if (property && !typeMatches(property, v)) errors.push(`${k}: expected ${String(property.type)}`);
  }
  return errors;
}

const GET_DEVID = ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//DevID'];

/** Samples per request body: the first is valid, the rest are not. */
const BODY_SAMPLES: Record<string, { valid: unknown; invalid: unknown[] }> = {
  CreateCampaignInput: {
    valid: {
      name: 'Read firmware',
      query: 'Mod = "Sim-1"',
      action: { kind: 'command', command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/FwV'] },
      waves: { canary: 2, percentages: [10, 100] },
      errorThresholdPct: 5,
    },
    invalid: [{}, { name: 'x', query: '' }, []],
  },
  CampaignPreviewInput: {
    valid: { devIds: ['IMEI:1'], action: { kind: 'firmware-update', artifactId: 'a1' } },
    invalid: [{}, { query: 5, action: { kind: 'wake' } }],
  },
  CreateViewInput: {
    valid: {
      name: 'Old firmware',
      query: 'FwV < "1.10"',
      sort: 'lastSeenAt',
      columns: ['devId', 'firmware'],
    },
    invalid: [{}, { name: 'x' }, { name: 'x', query: 5 }, []],
  },
  UpdateViewInput: {
    valid: { name: 'Renamed', columns: null },
    invalid: [{ name: 5 }, { query: ['x'] }, 'x'],
  },
  CreateProfileInput: {
    valid: {
      name: 'Wifi EU',
      query: 'label = "eu"',
      priority: 10,
      nodes: [{ uri: 'urn:oma:mo:oma-dm-devdetail:1.0//Ext/Wifi/Region', value: 'eu' }],
    },
    invalid: [{}, { name: 5, query: '', nodes: 'x' }, []],
  },
  UpdateProfileInput: {
    valid: { enabled: false },
    invalid: [{ priority: 'high' }, { enabled: 'yes' }, 'x'],
  },
  BulkActionInput: {
    valid: { query: '', action: { kind: 'labels', add: ['lab'] } },
    invalid: [{ query: '' }, { devIds: 'a', action: { kind: 'wake' } }],
  },
  AcknowledgeAlertsInput: {
    valid: { ids: ['a1', 'a2'] },
    invalid: [{}, { ids: 'a1' }, []],
  },
  RetryCommandInput: {
    valid: { ttlS: 600 },
    invalid: [{ ttlS: 'soon' }, { ttlS: null }, []],
  },
  StartFirmwareUpdateInput: {
    valid: { artifactId: 'a1', consent: { kind: 'postpone' } },
    invalid: [{}, { artifactId: 5 }, []],
  },
  StartSoftwareInstallInput: {
    valid: { artifactId: 'a1', miid: 'sw' },
    invalid: [{}, { miid: 'sw' }, 'a1'],
  },
  LoginInput: {
    valid: { username: 'admin', password: 'pw', bearer: true },
    invalid: [
      {},
      { username: 'admin' },
      { username: 5, password: 'pw' },
      'admin:pw',
      [],
      { username: 'a', password: 'pw', bearer: 'yes' },
    ],
  },
  CreateApiTokenInput: {
    valid: { name: 'ci-export', role: 'support', expiresInDays: 30 },
    invalid: [{}, null, 'ci-export', { name: 5 }],
  },

  UpdateUserInput: {
    valid: { password: 'a new password 1', currentPassword: 'the old one' },
    invalid: [{ disabled: 'yes' }, null, 'operator'],
  },
  CreateUserInput: {
    valid: { username: 'ops', password: 'long enough 1', role: 'operator' },
    invalid: [
      { username: 'ops', password: 'long enough 1' },
      { username: 'ops', password: 12345678, role: 'operator' },
      null,
    ],
  },
  RegisterDeviceInput: {
    valid: { devId: 'IMEI:490154203237518', secret: '0123456789abcdef', labels: ['lab'] },
    invalid: [{ devId: 'IMEI:1' }, { devId: 'IMEI:1', secret: '0123456789abcdef', labels: 'lab' }, 42],
  },
  ReplaceLabelsInput: {
    valid: { labels: ['lab', 'eu/west'] },
    invalid: [{}, { labels: 'lab' }, 42],
  },
  ChangeLabelsInput: {
    valid: { add: ['canary'], remove: ['lab'] },
    invalid: [{ add: 'canary' }, { remove: 3 }, 42],
  },
  CreatePageTemplateInput: {
    valid: { name: 'Reboot', kind: 'consent', title: 'Restart now?', text: 'It takes a minute.' },
    invalid: [
      { name: 'Reboot', kind: 'consent', title: 'Restart now?' },
      { name: 5, kind: 'info', title: 'T', text: 'x' },
      [],
    ],
  },
  MoMetadataInput: {
    valid: {
      MOID: 'urn:oma:mo:ext-acme-thermo:1.0',
      Root: 'Thermo',
      Nodes: { '': { Format: 'node', AccessType: ['Get'] } },
    },
    invalid: [{}, { MOID: 'urn:x', Root: 'X', Nodes: [] }, { MOID: 5, Root: 'X', Nodes: {} }, 'urn:x'],
  },
  QueueCommandInput: {
    valid: { command: GET_DEVID, ttlS: 60 },
    invalid: [{}, { command: GET_DEVID, ttlS: '60' }, { command: GET_DEVID, dataUri: 7 }, [GET_DEVID]],
  },
};

describe('buildOpenApiDocument', () => {
  it('is OpenAPI 3.1 with the given version and server', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ version: '9.9.9' });
    expect(doc.servers).toEqual([{ url: 'https://dmc.example' }]);
  });

  it('documents exactly the expected routes', () => {
    expect(documentedRoutes().sort()).toEqual(EXPECTED.map(([m, p]) => `${m} ${p}`).sort());
  });

  it('documents every entry of the operation table, and nothing else', () => {
    expect(documentedRoutes()).toHaveLength(API_OPERATIONS.length);
    for (const entry of API_OPERATIONS) {
      const op = operation(entry.method, openApiPath(entry.path));
      expect(op).toMatchObject({ operationId: entry.operationId, summary: entry.summary, tags: [entry.tag] });
      expect(op.responses).toHaveProperty(String(entry.success.status));
      if (entry.access.kind === 'action') {
        const { action } = entry.access;
        const roles = Object.entries(PERMISSIONS).filter(([, actions]) => actions.includes(action));
        expect(op.description).toBe(
          `Roles: ${roles.map(([role]) => role).join(', ')} (permission \`${action}\`).`,
        );
      }
    }
  });

  it.each(EXPECTED)('%s %s: responses, summary, tags, security', (method, route, status, schema, errors) => {
    const op = operation(method, route);
    expect(op.summary).toEqual(expect.any(String));
    expect((op.tags as string[]).length).toBe(1);
    const responses = op.responses as Record<string, Json>;
    const success = responses[String(status)];
    if (schema) {
      expect(success?.content).toEqual({
        'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
      });
    } else if (status === 204) {
      expect(success?.content).toBeUndefined();
    }
    const errorStatuses = Object.keys(responses)
      .map(Number)
      .filter((s) => s >= 400);
    expect(errorStatuses).toEqual(errors);
    for (const code of errors) expect(resolvePointer(responses[String(code)]?.$ref as string)).toBeDefined();
    const security = op.security as Json[];
    if (errors.includes(401) && route !== '/api/v1/auth/login') {
      expect(security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    } else if (route === '/api/v1/auth/logout') {
      expect(security).toContainEqual({});
    } else {
      expect(security).toEqual([]);
    }
  });

  it('names both credentials as security schemes', () => {
    const schemes = (doc.components as { securitySchemes: Record<string, Json> }).securitySchemes;
    expect(schemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'dmc_session' });
  });

  it('describes every error response with the shared error body', () => {
    const errorBody = schemaOf('ErrorResponse');
    expect(errorBody.required).toEqual(['error']);
    expect(
      topLevelErrors(errorBody, { error: { code: 'NOT_FOUND', message: 'No.' }, requestId: 'r' }),
    ).toEqual([]);
  });

  it('resolves every $ref inside the document', () => {
    const refs = collect(doc, '$ref');
    expect(refs.length).toBeGreaterThan(40);
    for (const target of refs) {
      expect(typeof target).toBe('string');
      expect(resolvePointer(target as string), String(target)).toBeDefined();
    }
    expect(collect(doc, '$schema')).toEqual([]);
    expect(collect(doc, '$defs')).toEqual([]);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('gives every operation a unique operationId', () => {
    const ids = collect(paths, 'operationId');
    expect(new Set(ids).size).toBe(EXPECTED.length);
  });

  it('takes path parameters from the path', () => {
    const params = operation('get', '/api/v1/devices/{devId}/tree').parameters as Json[];
    expect(params).toEqual([
      expect.objectContaining({ name: 'devId', in: 'path', required: true }),
      expect.objectContaining({ name: 'at', in: 'query' }),
    ]);
    expect(params[0]?.schema).toMatchObject({ type: 'string', maxLength: 128 });
  });

  it.each([
    ['/api/v1/devices', listDevicesQuerySchema],
    ['/api/v1/alerts', listAlertsQuerySchema],
  ] as const)('GET %s takes the query parameters of its shared schema', (route, schema: z.ZodObject) => {
    const params = operation('get', route).parameters as Json[];
    expect(params.map((p) => p.name)).toEqual(Object.keys(schema.shape));
    for (const param of params) {
      expect(param.in).toBe('query');
      const field = schema.shape[param.name as string] as z.ZodType;
      expect(param.required).toBe(!field.safeParse(undefined).success);
    }
    expect(params.find((p) => p.name === 'limit')?.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 500,
    });
  });

  it('has samples for every request body', () => {
    // Raw uploads (application/octet-stream) have no JSON schema to sample.
    const bodies = collect(paths, 'requestBody').flatMap((body) => {
      const schemaRef = collect(body, '$ref')[0] as string | undefined;
      return schemaRef === undefined ? [] : [schemaRef.replace('#/components/schemas/', '')];
    });
    // A body schema may serve several routes (queue and dry run take the same body).
    expect([...new Set(bodies)].sort()).toEqual(Object.keys(BODY_SAMPLES).sort());
  });

  it.each(Object.entries(BODY_SAMPLES))(
    '%s accepts and rejects what its zod schema does',
    (name, samples) => {
      const zodSchema = INPUT_COMPONENTS[name as InputComponent];
      const jsonSchema = schemaOf(name);
      expect(zodSchema.safeParse(samples.valid).success).toBe(true);
      expect(topLevelErrors(jsonSchema, samples.valid)).toEqual([]);
      for (const sample of samples.invalid) {
        expect(zodSchema.safeParse(sample).success, JSON.stringify(sample)).toBe(false);
        expect(topLevelErrors(jsonSchema, sample), JSON.stringify(sample)).not.toEqual([]);
      }
    },
  );
});
