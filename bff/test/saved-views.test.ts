// Saved views over real HTTP (protocol §8): CRUD, validation with the fleet query parser, the
// creator-or-admin rule, the bound, and campaigns that target a view (protocol §11): the query is
// copied when the campaign is made, so editing the view afterwards leaves the campaign as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiRoutes,
  campaignPreviewSchema,
  campaignRecordSchema,
  createdCampaignSchema,
  errorResponseSchema,
  MAX_SAVED_VIEWS,
  savedViewListSchema,
  savedViewSchema,
  type SavedView,
} from '@dmc/shared/api';
import { startTestServer, type TestServer } from './support/test-server';

const LANG = 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Lang';
let server: TestServer;
let operator = '';
let otherOperator = '';
let support = '';

beforeAll(async () => {
  server = await startTestServer();
  for (const [username, role] of [
    ['olivia', 'operator'],
    ['oscar', 'operator'],
    ['sam', 'support'],
  ] as const) {
    const res = await server.api('POST', apiRoutes.users, {
      username,
      password: `${username}-password-1`,
      role,
    });
    expect(res.status).toBe(201);
  }
  operator = await server.login('olivia', 'olivia-password-1');
  otherOperator = await server.login('oscar', 'oscar-password-1');
  support = await server.login('sam', 'sam-password-1');
  for (const devId of ['VW-1', 'VW-2', 'VW-3'])
    await server.registerDevice(devId, 'view-device-secret-0123456789');
});
afterAll(async () => {
  await server.close();
});

async function save(body: unknown, token?: string): Promise<SavedView> {
  const res = await server.api('POST', apiRoutes.views, body, token);
  expect(res.status, await res.clone().text()).toBe(201);
  expect(res.headers.get('location')).toMatch(/^\/api\/v1\/views\//);
  return savedViewSchema.parse(await res.json());
}

async function list(token?: string): Promise<SavedView[]> {
  const res = await server.api('GET', apiRoutes.views, undefined, token);
  expect(res.status).toBe(200);
  return savedViewListSchema.parse(await res.json()).items;
}

async function clear(): Promise<void> {
  for (const view of await list())
    expect((await server.api('DELETE', apiRoutes.view(view.id))).status).toBe(204);
}

describe('saved views', () => {
  it('saves, lists by name for every role, renames and deletes', async () => {
    await clear();
    const zulu = await save({ name: 'zulu', query: '' }, support);
    const alpha = await save(
      {
        name: '  Old firmware  ',
        query: 'FwV < "1.10"',
        sort: 'lastSeenAt',
        order: 'desc',
        columns: ['devId', 'firmware', 'lastSeen'],
      },
      operator,
    );
    expect(alpha).toMatchObject({
      name: 'Old firmware',
      query: 'FwV < "1.10"',
      sort: 'lastSeenAt',
      order: 'desc',
      columns: ['devId', 'firmware', 'lastSeen'],
      createdBy: 'olivia',
    });
    expect(zulu).toMatchObject({ sort: null, order: null, columns: null, createdBy: 'sam' });
    for (const token of [undefined, operator, support])
      expect((await list(token)).map((v) => v.name)).toEqual(['Old firmware', 'zulu']);

    const renamed = await server.api(
      'PATCH',
      apiRoutes.view(alpha.id),
      { name: 'Firmware before 1.10', columns: null },
      operator,
    );
    expect(renamed.status).toBe(200);
    const after = savedViewSchema.parse(await renamed.json());
    expect(after).toMatchObject({
      name: 'Firmware before 1.10',
      query: 'FwV < "1.10"',
      columns: null,
      sort: 'lastSeenAt',
    });
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(alpha.updatedAt));

    expect((await server.api('DELETE', apiRoutes.view(zulu.id), undefined, support)).status).toBe(204);
    expect((await server.api('DELETE', apiRoutes.view(zulu.id), undefined, support)).status).toBe(404);
    expect((await list()).map((v) => v.id)).toEqual([alpha.id]);
  });

  it('refuses a query the fleet query parser rejects with 400 naming the offset, and stores nothing', async () => {
    await clear();
    const res = await server.api(
      'POST',
      apiRoutes.views,
      { name: 'broken', query: 'Mod = "Sim-1" AND' },
      operator,
    );
    expect(res.status).toBe(400);
    const body = errorResponseSchema.parse(await res.json());
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toMatchObject({ offset: 17 });
    expect(body.error.message).toContain('character 18');
    expect(await list()).toEqual([]);

    const view = await save({ name: 'fine', query: 'Mod = "Sim-1"' }, operator);
    const patch = await server.api('PATCH', apiRoutes.view(view.id), { query: 'Mod = ' }, operator);
    expect(patch.status).toBe(400);
    expect(errorResponseSchema.parse(await patch.json()).error.details).toMatchObject({ offset: 6 });
    expect((await list())[0]?.query).toBe('Mod = "Sim-1"');
  });

  it('refuses bad names, unknown columns and a name taken in another case', async () => {
    await clear();
    await save({ name: 'Lab devices', query: 'label = "lab"' }, operator);
    for (const body of [
      { name: '', query: '' },
      { name: 'x'.repeat(81), query: '' },
      { name: 'cols', query: '', columns: ['devId', 'nonsense'] },
      { name: 'cols', query: '', columns: ['devId', 'devId'] },
      { name: 'sort', query: '', sort: 'Lang' },
    ]) {
      const res = await server.api('POST', apiRoutes.views, body, operator);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const taken = await server.api(
      'POST',
      apiRoutes.views,
      { name: 'LAB DEVICES', query: '' },
      otherOperator,
    );
    expect(taken.status).toBe(409);
    const other = await save({ name: 'Other', query: '' }, otherOperator);
    const rename = await server.api(
      'PATCH',
      apiRoutes.view(other.id),
      { name: 'lab devices' },
      otherOperator,
    );
    expect(rename.status).toBe(409);
    expect((await list()).map((v) => v.name)).toEqual(['Lab devices', 'Other']);
  });

  it("lets only a view's creator or an admin change or delete it", async () => {
    await clear();
    const admins = await save({ name: "Admin's view", query: '' });
    const olivias = await save({ name: "Olivia's view", query: '' }, operator);
    const refused = await server.api('DELETE', apiRoutes.view(admins.id), undefined, operator);
    expect(refused.status).toBe(403);
    expect(errorResponseSchema.parse(await refused.json()).error.code).toBe('FORBIDDEN');
    expect(
      (await server.api('PATCH', apiRoutes.view(olivias.id), { name: 'Mine now' }, otherOperator)).status,
    ).toBe(403);
    expect((await server.api('PATCH', apiRoutes.view(olivias.id), { name: 'x' }, support)).status).toBe(403);
    expect((await list()).map((v) => v.name)).toEqual(["Admin's view", "Olivia's view"]);
    // The admin may change and delete anyone's view; the creator stays who saved it.
    const changed = await server.api('PATCH', apiRoutes.view(olivias.id), { query: 'online = true' });
    expect(savedViewSchema.parse(await changed.json())).toMatchObject({
      query: 'online = true',
      createdBy: 'olivia',
    });
    expect((await server.api('DELETE', apiRoutes.view(olivias.id))).status).toBe(204);
    expect((await server.api('DELETE', apiRoutes.view(admins.id), undefined, operator)).status).toBe(403);
    expect((await server.api('DELETE', apiRoutes.view(admins.id))).status).toBe(204);
    expect(await list()).toEqual([]);
  });

  it(`keeps at most ${MAX_SAVED_VIEWS} views: one more is a 409`, async () => {
    await clear();
    const now = new Date();
    for (let i = 0; i < MAX_SAVED_VIEWS; i += 1) {
      expect(
        await server.store.savedViews.create({
          id: `bulk-${i}`,
          name: `View ${String(i).padStart(3, '0')}`,
          query: '',
          sort: null,
          order: null,
          columns: null,
          createdBy: 'admin',
          createdAt: now,
          updatedAt: now,
        }),
      ).toBe(true);
    }
    const res = await server.api('POST', apiRoutes.views, { name: 'one too many', query: '' }, operator);
    expect(res.status).toBe(409);
    expect(errorResponseSchema.parse(await res.json()).error.details).toMatchObject({
      reason: 'too-many-views',
    });
    expect(await list()).toHaveLength(MAX_SAVED_VIEWS);
    await clear();
  });
});

describe('a campaign that targets a saved view', () => {
  it('previews by viewId, copies the query at creation and keeps the view name', async () => {
    await clear();
    const view = await save({ name: 'First two', query: 'devId IN ("VW-1", "VW-2")' }, operator);
    const action = { kind: 'command', command: ['GET', LANG] };

    const preview = await server.api(
      'POST',
      apiRoutes.campaignPreview,
      { viewId: view.id, action },
      operator,
    );
    expect(preview.status, await preview.clone().text()).toBe(200);
    expect(campaignPreviewSchema.parse(await preview.json()).matched).toBe(2);

    const created = await server.api(
      'POST',
      apiRoutes.campaigns,
      { name: 'From a view', viewId: view.id, action, start: false },
      operator,
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = createdCampaignSchema.parse(await created.json());

    // Editing (and then deleting) the view changes nothing of the campaign.
    const edit = await server.api(
      'PATCH',
      apiRoutes.view(view.id),
      { name: 'Third only', query: 'devId = "VW-3"' },
      operator,
    );
    expect(edit.status).toBe(200);
    const after = await server.api('POST', apiRoutes.campaignPreview, { viewId: view.id, action }, operator);
    expect(campaignPreviewSchema.parse(await after.json()).matched).toBe(1);
    expect((await server.api('DELETE', apiRoutes.view(view.id), undefined, operator)).status).toBe(204);

    const campaign = campaignRecordSchema.parse(
      await (await server.api('GET', apiRoutes.campaign(id))).json(),
    );
    expect(campaign).toMatchObject({
      query: 'devId IN ("VW-1", "VW-2")',
      viewName: 'First two',
      devIdCount: null,
    });
  });

  it('answers 404 for an unknown view and 400 for two targets at once', async () => {
    const action = { kind: 'command', command: ['GET', LANG] };
    const unknown = await server.api(
      'POST',
      apiRoutes.campaigns,
      { name: 'x', viewId: 'no-such-view', action },
      operator,
    );
    expect(unknown.status).toBe(404);
    expect(
      (await server.api('POST', apiRoutes.campaignPreview, { viewId: 'no-such-view', action }, operator))
        .status,
    ).toBe(404);
    expect(
      (
        await server.api(
          'POST',
          apiRoutes.devicesBulk,
          { viewId: 'no-such-view', action: { kind: 'wake' } },
          operator,
        )
      ).status,
    ).toBe(404);
    const both = await server.api(
      'POST',
      apiRoutes.campaigns,
      { name: 'x', viewId: 'v', query: '', action },
      operator,
    );
    expect(both.status).toBe(400);
    // A campaign from a plain query has no view name.
    const plain = await server.api(
      'POST',
      apiRoutes.campaigns,
      { name: 'plain', query: '', action, start: false },
      operator,
    );
    const { id } = createdCampaignSchema.parse(await plain.json());
    const record = campaignRecordSchema.parse(await (await server.api('GET', apiRoutes.campaign(id))).json());
    expect(record.viewName).toBeNull();
  });

  it('runs bulk work over a saved view with its name on the campaign', async () => {
    const view = await save({ name: 'Bulk target', query: 'devId = "VW-3"' }, operator);
    const res = await server.api(
      'POST',
      apiRoutes.devicesBulk,
      { viewId: view.id, action: { kind: 'wake' } },
      operator,
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = createdCampaignSchema.parse(await res.json());
    const record = campaignRecordSchema.parse(await (await server.api('GET', apiRoutes.campaign(id))).json());
    expect(record).toMatchObject({ query: 'devId = "VW-3"', viewName: 'Bulk target', bulk: true });
    await server.api('POST', apiRoutes.campaignVerb(id, 'cancel'));
  });
});
