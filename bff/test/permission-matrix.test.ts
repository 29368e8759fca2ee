// Every entry of the operation table, called over real HTTP anonymously, with a signed-out (revoked)
// token and in every role, on a real app with the embedded database. The OpenAPI document the same app serves must name exactly the
// roles the calls let through: both come from the one table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@dmc/shared/api';
import { PERMISSIONS } from '../src/domain/auth/permissions';
import { openApiPath } from '../src/http/openapi/openapi-document';
import { pathParameterNames, type ApiOperation } from '../src/http/operation';
import { API_OPERATIONS } from '../src/http/routes/console-api';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

type Caller = Role | 'anonymous' | 'revoked';
const CALLERS: readonly Caller[] = ['anonymous', 'revoked', ...ROLES];
const PASSWORDS: Record<Role, string> = {
  admin: ADMIN.password,
  operator: 'operator-password',
  support: 'support-password',
};
const USERNAMES: Record<Role, string> = { admin: ADMIN.username, operator: 'olivia', support: 'sam' };

/** The answer this caller must get before the route does anything: 401, 403, or none (let through). */
function refusal(op: ApiOperation, caller: Caller): 401 | 403 | undefined {
  const { access } = op;
  if (access.kind === 'public' || access.kind === 'optional') return undefined;
  if (caller === 'anonymous' || caller === 'revoked') return 401;
  if (access.kind === 'action' && !PERMISSIONS[caller].includes(access.action)) return 403;
  return undefined;
}

/** The path with every `:name` filled in: no resource has this id, so nothing is changed. */
function probePath(op: ApiOperation): string {
  let path = op.path;
  for (const name of pathParameterNames(op.path)) path = path.replace(`:${name}`, 'matrix-probe');
  return path;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

const ROWS = API_OPERATIONS.flatMap((op) =>
  CALLERS.map((caller) => [`${op.method.toUpperCase()} ${op.path}`, caller, op] as const),
);

describe('permission matrix over the operation table', () => {
  let server: TestServer;
  const tokens = new Map<Role, string>();
  /** An admin's token whose session was ended by signing out. */
  let revoked = '';
  /** [operationId, caller] pairs the server let through. */
  const letThrough = new Set<string>();

  beforeAll(async () => {
    server = await startTestServer();
    for (const role of ROLES) {
      if (role !== 'admin') {
        const res = await server.api('POST', '/api/v1/users', {
          username: USERNAMES[role],
          password: PASSWORDS[role],
          role,
        });
        expect(res.status).toBe(201);
      }
      tokens.set(role, await server.login(USERNAMES[role], PASSWORDS[role]));
    }
    revoked = await server.login(ADMIN.username, ADMIN.password);
    expect((await server.api('POST', '/api/v1/auth/logout', undefined, revoked)).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(ROWS)('%s as %s', async (_route, caller, op) => {
    // Signing out ends the session of the token sent: such a call gets a token of its own.
    const token =
      caller === 'anonymous'
        ? undefined
        : caller === 'revoked'
          ? revoked
          : op.access.kind === 'optional'
            ? await server.login(USERNAMES[caller], PASSWORDS[caller])
            : tokens.get(caller);
    const res = await fetch(`${server.baseUrl}${probePath(op)}`, {
      method: op.method.toUpperCase(),
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    const expected = refusal(op, caller);
    if (expected !== undefined) {
      expect(res.status, text).toBe(expected);
      return;
    }
    // Let through: the route itself answered, with a status the table documents.
    expect([op.success.status, ...op.errors], text).toContain(res.status);
    expect(text).not.toContain('No such API route.');
    letThrough.add(`${op.operationId} ${caller}`);
  });

  it('walks the label routes and the fleet command list with the access they need', () => {
    const access = (operationId: string) =>
      API_OPERATIONS.find((op) => op.operationId === operationId)?.access;
    expect(access('replaceDeviceLabels')).toEqual({ kind: 'action', action: 'devices:write' });
    expect(access('changeDeviceLabels')).toEqual({ kind: 'action', action: 'devices:write' });
    expect(access('listCommands')).toEqual({ kind: 'action', action: 'commands:read' });
    const walked = new Set(ROWS.map(([route]) => route));
    for (const route of [
      'PUT /api/v1/devices/:devId/labels',
      'PATCH /api/v1/devices/:devId/labels',
      'GET /api/v1/commands',
    ]) {
      expect(walked).toContain(route);
    }
  });

  it('matches the roles the served OpenAPI document names for each operation', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { description?: string; security: unknown[] }>>;
    };
    expect(letThrough.size).toBeGreaterThan(0);
    for (const op of API_OPERATIONS) {
      const documented = doc.paths[openApiPath(op.path)]?.[op.method];
      expect(documented, op.operationId).toBeDefined();
      const allowed = ROLES.filter((role) => letThrough.has(`${op.operationId} ${role}`));
      if (op.access.kind === 'action') {
        expect(documented?.description).toBe(
          `Roles: ${allowed.join(', ')} (permission \`${op.access.action}\`).`,
        );
      } else {
        expect(allowed).toEqual([...ROLES]);
      }
      // No security requirement, or an empty one among them: the document lets anonymous callers in.
      const anonymous = documented?.security.length === 0 || documented?.security.some(isEmptyObject);
      expect(letThrough.has(`${op.operationId} anonymous`), op.operationId).toBe(anonymous);
    }
  });
});
