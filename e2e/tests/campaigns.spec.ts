import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { CampaignRecord } from '@dmc/shared/api';
import { createFleet, MIIDS, MOIDS, type Fleet } from '@dmc/sim';
import { adminToken } from '../fixtures/api';
import { CampaignDetail, NewCampaignPage } from '../pages/campaign-pages';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

/** This run's own devices, so other specs' devices never match a campaign's query. */
const RUN = Date.now().toString(36);
const LANG = 'urn:oma:mo:oma-dm-devinfo:1.0//Lang';
const MOD = 'urn:oma:mo:oma-dm-devinfo:1.0//Mod';

async function signIn(page: Page, username = E2E_ADMIN.username, password = E2E_ADMIN.password) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await new LoginPage(page).signIn(username, password);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/**
 * `count` registered simulated devices that listen for P0: the engine's queued work wakes them, so
 * they hold sessions exactly when the campaign needs them. `prepare` adjusts a device before its
 * first session reports DevInfo and its MOs.
 */
async function startFleet(
  request: APIRequestContext,
  tag: string,
  count: number,
  options: {
    prepare?: (device: Fleet['devices'][number], index: number) => void;
    firmwareLies?: (devId: string, index: number) => boolean;
  } = {},
): Promise<{ fleet: Fleet; prefix: string; devIds: string[] }> {
  const prefix = `camp${tag}-${RUN}`;
  const fleet = createFleet({
    devices: count,
    serverUrl: `${E2E_BASE_URL}/dm`,
    prefix,
    concurrency: 8,
    push: {},
    register: { apiUrl: E2E_BASE_URL, token: await adminToken(request) },
    ...(options.firmwareLies ? { firmwareLies: options.firmwareLies } : {}),
  });
  fleet.devices.forEach((device, i) => options.prepare?.(device, i));
  const round = await fleet.runOnce();
  expect(round.sessionsOk).toBe(count);
  return { fleet, prefix, devIds: fleet.devices.map((d) => d.devId) };
}

async function campaign(request: APIRequestContext, id: string): Promise<CampaignRecord> {
  const res = await request.get(`/api/v1/campaigns/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${await adminToken(request)}` },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as CampaignRecord;
}

/** Every wave's state at one instant, read in one go so a passing state is never half-seen. */
function waveStates(detail: CampaignDetail): Promise<string[]> {
  return detail
    .waves()
    .evaluateAll((rows) =>
      rows.map((r) => r.querySelector('[data-state]')?.getAttribute('data-state') ?? ''),
    );
}

test('a command campaign pauses itself at the error threshold, is resumed and completes', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // 50 devices; 3 of the first 10 (the canary) have no DevInfo/Lang, so their GET fails with 404.
  const failing = new Set([1, 4, 7]);
  const { fleet, prefix, devIds } = await startFleet(page.request, 'a', 50, {
    prepare: (device, i) => {
      if (failing.has(i)) device.store.removeNode(MOIDS.devInfo, MIIDS.devInfo, 'Lang');
    },
  });
  try {
    await signIn(page);
    const form = new NewCampaignPage(page);
    await form.open();
    await form.fill({
      name: `Read languages ${RUN}`,
      query: `devId ~ "${prefix}-"`,
      action: { kind: 'command', clientUri: LANG },
      canary: 10,
      size: 20,
      errorThresholdPct: 10,
    });
    const preview = await form.preview();
    await expect(preview.getByLabel('Matched: 50')).toBeVisible();
    // The devices reported their trees: the dry run already sees the three without Lang.
    await expect(preview.getByLabel('Would run: 47')).toBeVisible();
    await expect(preview.getByLabel('Would fail: 3')).toBeVisible();
    await expect(preview.getByTestId('preview-reason')).toContainText('DevInfo/Lang is not in the device');
    await expect(preview.getByTestId('preview-sample-would-fail').getByRole('link')).toHaveText(
      [...failing].map((i) => devIds[i] ?? ''),
    );
    await form.create();

    const detail = new CampaignDetail(page);
    await expect(detail.state()).toHaveText('Paused', { timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Paused:' })).toHaveText(
      'Paused: failures crossed the error threshold.',
    );
    await expect(detail.count('failed')).toHaveText('3 failed');
    await expect(detail.count('ok')).toHaveText('7 ok');
    await expect(detail.count('pending')).toHaveText('40 pending');
    expect(await waveStates(detail)).toEqual(['done', 'pending', 'pending']);
    const reasons = detail.failures();
    await expect(reasons).toHaveCount(1);
    await expect(reasons).toContainText('command-failed');
    await expect(reasons).toContainText('404');
    await expect(reasons.getByRole('cell').nth(1)).toHaveText('3');
    await detail.filterDevices('failed');
    for (const i of failing) await expect(detail.device(devIds[i] ?? '')).toContainText('command-failed');

    await detail.verbs().getByRole('button', { name: 'Resume' }).click();
    await expect(detail.state()).toHaveText('Completed', { timeout: 45_000 });
    await expect(detail.count('ok')).toHaveText('47 ok');
    await expect(detail.count('failed')).toHaveText('3 failed');
    await expect(detail.count('pending')).toHaveText('0 pending');
    await expect(detail.count('running')).toHaveText('0 running');
    expect(await waveStates(detail)).toEqual(['done', 'done', 'done']);
  } finally {
    await fleet.stop();
  }
});

test('a firmware campaign skips incompatible models, fails a lying device and gates its canary', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Eight devices at 1.0.0: the last two are a model the artifact does not list; device 3 lies.
  const { fleet, prefix, devIds } = await startFleet(page.request, 'b', 8, {
    prepare: (device, i) => {
      device.store.setValue(MOIDS.devInfo, MIIDS.devInfo, 'Mod', i >= 6 ? `Old-${RUN}` : `New-${RUN}`);
      device.store.setValue(MOIDS.devInfo, MIIDS.devInfo, 'FwV', '1.0.0');
    },
    firmwareLies: (_devId, i) => i === 3,
  });
  try {
    const version = `5.${RUN}`;
    const name = `fw-${RUN}`;
    const uploaded = await page.request.post(
      `/api/v1/artifacts?name=${name}&version=${version}&compatibleMod=New-${RUN}`,
      {
        headers: {
          authorization: `Bearer ${await adminToken(page.request)}`,
          'content-type': 'application/octet-stream',
        },
        data: Buffer.from(`firmware image ${version}`),
      },
    );
    expect(uploaded.status()).toBe(201);

    await signIn(page);
    const form = new NewCampaignPage(page);
    await form.open();
    await form.fill({
      name: `Firmware ${version}`,
      query: `devId ~ "${prefix}-"`,
      action: { kind: 'firmware-update', artifact: `${name} ${version}` },
      canary: 1,
      size: 5,
      errorThresholdPct: 50,
      healthGate: { windowS: 5 },
    });
    const preview = await form.preview();
    await expect(preview.getByLabel('Matched: 8')).toBeVisible();
    await expect(preview.getByLabel('Incompatible: 2')).toBeVisible();
    await expect(preview.getByLabel('Would run: 6')).toBeVisible();
    await expect(preview.getByTestId('preview-reason').filter({ hasText: 'Incompatible' })).toContainText(
      `Old-${RUN}`,
    );
    const id = await form.create();

    const detail = new CampaignDetail(page);
    // The canary's device updated: its wave watches alerts before the next one may start.
    await expect.poll(() => waveStates(detail), { timeout: 30_000 }).toEqual(['gating', 'pending']);
    await expect(detail.waves().first()).toContainText('watching alerts until');
    await expect(detail.count('ok')).toHaveText('1 ok');
    // The gate passes (no alerts), then the second wave runs and the campaign completes.
    await expect(detail.state()).toHaveText('Completed', { timeout: 45_000 });
    expect(await waveStates(detail)).toEqual(['done', 'done']);
    const record = await campaign(page.request, id);
    const [canary, second] = record.waves;
    expect(canary?.gateUntil).toBeTruthy();
    expect(Date.parse(second?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(canary?.gateUntil ?? ''));
    expect(record.counts).toMatchObject({ ok: 5, failed: 1, skipped: 2, pending: 0, running: 0 });

    await expect(detail.count('ok')).toHaveText('5 ok');
    await expect(detail.count('failed')).toHaveText('1 failed');
    await expect(detail.count('skipped')).toHaveText('2 skipped');
    await expect(detail.failures()).toContainText('version-mismatch');
    await expect(detail.failures()).toContainText(
      `after the update the device reports version "1.0.0", not "${version}"`,
    );
    await expect(
      detail
        .device(devIds[0] ?? '')
        .getByRole('cell')
        .nth(1),
    ).toHaveText('Canary');
    await expect(detail.device(devIds[3] ?? '')).toContainText('failed');
    await expect(detail.device(devIds[3] ?? '')).toContainText('version-mismatch');
    for (const devId of devIds.slice(6)) {
      await expect(detail.device(devId)).toContainText('skipped');
      await expect(detail.device(devId)).toContainText('incompatible');
    }
    expect(fleet.devices[0]?.store.getValue(MOIDS.devInfo, MIIDS.devInfo, 'FwV')).toBe(version);
    expect(fleet.devices[3]?.store.getValue(MOIDS.devInfo, MIIDS.devInfo, 'FwV')).toBe('1.0.0');
  } finally {
    await fleet.stop();
  }
});

test('a campaign needing approval waits until a second admin approves it', async ({ page, browser }) => {
  test.setTimeout(60_000);
  const second = { username: `approver-${RUN}`, password: `campaign-e2e-${RUN}-approver` };
  const created = await page.request.post('/api/v1/users', {
    data: { ...second, role: 'admin' },
    headers: { authorization: `Bearer ${await adminToken(page.request)}` },
  });
  expect(created.status()).toBe(201);
  const { fleet, prefix } = await startFleet(page.request, 'c', 3);
  const approverContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  try {
    await signIn(page);
    const form = new NewCampaignPage(page);
    await form.open();
    await form.fill({
      name: `Approved read ${RUN}`,
      query: `devId ~ "${prefix}-"`,
      action: { kind: 'command', clientUri: MOD },
      approval: true,
    });
    await form.preview();
    const id = await form.create(true);

    const detail = new CampaignDetail(page);
    await expect(detail.state()).toHaveText('Awaiting approval');
    await expect(detail.verbs()).toContainText('Another admin must approve it.');
    await expect(detail.verbs().getByRole('button', { name: 'Approve' })).toHaveCount(0);
    expect((await campaign(page.request, id)).counts.ok).toBe(0);

    const approverPage = await approverContext.newPage();
    await signIn(approverPage, second.username, second.password);
    await approverPage.goto(`/campaigns/${encodeURIComponent(id)}`);
    const approverDetail = new CampaignDetail(approverPage);
    await expect(approverDetail.state()).toHaveText('Awaiting approval');
    await approverDetail.verbs().getByRole('button', { name: 'Approve' }).click();
    await expect(approverDetail.state()).toHaveText(/Running|Completed/);

    // The creator's page follows live: it runs and completes.
    await expect(detail.state()).toHaveText('Completed', { timeout: 30_000 });
    await expect(detail.count('ok')).toHaveText('3 ok');
    await expect(page.getByText(second.username, { exact: true })).toBeVisible();
  } finally {
    await approverContext.close();
    await fleet.stop();
  }
});
