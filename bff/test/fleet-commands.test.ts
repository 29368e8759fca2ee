// The fleet-wide command list (protocol §8): every device's commands newest first, filtered by state,
// device, who queued it, command name and time, keyset-paged; capability URLs redacted for support.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, commandPageSchema, errorResponseSchema, type CommandPage } from '@dmc/shared/api';
import { makeCommand } from '../src/persistence/contract/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'fleet-commands-secret-0123456789';

describe('GET /api/v1/commands', () => {
  let server: TestServer;
  let support: string;
  const queued: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    await server.api('POST', '/api/v1/users', {
      username: 'olga',
      password: 'olga-password-1',
      role: 'operator',
    });
    await server.api('POST', '/api/v1/users', {
      username: 'sam',
      password: 'sam-password-1',
      role: 'support',
    });
    const operator = await server.login('olga', 'olga-password-1');
    support = await server.login('sam', 'sam-password-1');
    await server.registerDevice('fc-1', SECRET);
    await server.registerDevice('fc-2', SECRET);
    // q0…q5 through the API, alternating devices and users; then one the server queued itself.
    for (let i = 0; i < 6; i += 1) {
      const command =
        i % 3 === 0
          ? ['EXEC', 'urn:oma:mo:oma-dcmo:1.0/Camera/Operations/Disable']
          : ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'];
      const res = await server.api(
        'POST',
        apiRoutes.deviceCommands(`fc-${(i % 2) + 1}`),
        { command },
        i < 3 ? operator : undefined,
      );
      expect(res.status).toBe(201);
      queued.push(((await res.json()) as { id: string }).id);
    }
    await server.store.commands.enqueue(
      makeCommand('by-server', 'fc-1', {
        command: ['HGET', `${server.baseUrl}/dr/objects/secret-token-0123456789abcdef`],
        createdAt: new Date(),
      }),
    );
    expect((await server.api('POST', apiRoutes.cancelCommand(queued[1] ?? ''))).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  async function list(query: string, token?: string): Promise<CommandPage> {
    const res = await server.api('GET', `${apiRoutes.commands}?${query}`, undefined, token);
    expect(res.status, await res.clone().text()).toBe(200);
    return commandPageSchema.parse(await res.json());
  }
  const ids = async (query: string) => (await list(query)).items.map((c) => c.id);

  it("lists every device's commands, newest first", async () => {
    expect(await ids('')).toEqual(['by-server', ...[...queued].reverse()]);
  });

  it('filters by state, device, who queued it, command name and time', async () => {
    expect(await ids('state=cancelled')).toEqual([queued[1]]);
    expect(await ids('devId=fc-2')).toEqual([queued[5], queued[3], queued[1]]);
    expect(await ids('createdBy=olga')).toEqual([queued[2], queued[1], queued[0]]);
    expect(await ids('command=EXEC')).toEqual([queued[3], queued[0]]);
    expect(await ids('command=EXEC&createdBy=admin')).toEqual([queued[3]]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await ids(`since=${future}`)).toEqual([]);
    expect(await ids(`until=${future}&devId=fc-1&state=queued`)).toEqual([
      'by-server',
      queued[4],
      queued[2],
      queued[0],
    ]);
  });

  it('pages with a cursor until nextCursor is null', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result: CommandPage = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...result.items.map((c) => c.id));
      cursor = result.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(await ids('limit=200'));
    expect(seen).toHaveLength(7);
  });

  it('refuses bad input with 400', async () => {
    for (const query of [
      'state=lost',
      'command=FETCH',
      'limit=0',
      'limit=201',
      'since=yesterday',
      'since=2030-01-02T00:00:00Z&until=2030-01-01T00:00:00Z',
      'cursor=not-a-cursor',
      'createdBy=has%20space',
    ]) {
      const res = await server.api('GET', `${apiRoutes.commands}?${query}`);
      expect(res.status, query).toBe(400);
      expect(errorResponseSchema.parse(await res.json()).error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers 404 when the device filter names a device that is not registered', async () => {
    expect((await server.api('GET', `${apiRoutes.commands}?devId=ghost`)).status).toBe(404);
  });

  it('shows support users server-made URLs without their token', async () => {
    const [record] = (await list('createdBy=olga&limit=1', support)).items;
    expect(record).toBeDefined();
    const hget = (await list('command=HGET', support)).items[0];
    expect(hget?.command[1]).not.toContain('secret-token-0123456789abcdef');
    expect((await list('command=HGET')).items[0]?.command[1]).toContain('secret-token-0123456789abcdef');
  });
});
