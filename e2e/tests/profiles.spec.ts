import { expect, test } from '@playwright/test';
import { createFleet, MIIDS, MOIDS } from '@dmc/sim';
import { adminToken } from '../fixtures/api';
import { signIn, simulatedDevice } from '../fixtures/console';
import { DeviceTreePage } from '../pages/device-tree-page';
import {
  DeviceProfilesTab,
  NewProfilePage,
  ProfileApi,
  ProfileDetail,
  ProfileList,
} from '../pages/profile-pages';
import { E2E_BASE_URL } from '../playwright.config';

/** This run's own profiles and devices: other specs' devices never match these queries. */
const RUN = Date.now().toString(36);
const NAME = `prof-${RUN}`;
const SECRET = 'e2e-profiles-secret-0123456789';
const FUMO = `${MOIDS.fumo}/${MIIDS.fumo}`;
const PKG_NAME = `${FUMO}/PkgName`;
const PKG_VERSION = `${FUMO}/PkgVersion`;
const PKG_URL = `${FUMO}/Download/PkgURL`;
const LANG = `${MOIDS.devInfo}/${MIIDS.devInfo}/Lang`;

test.afterEach(async ({ request }) => {
  await new ProfileApi(request).removeAll(NAME);
});

test('a profile over 30 simulated devices brings them all to verified, counted live', async ({ page }) => {
  test.setTimeout(120_000);
  const prefix = `profa-${RUN}`;
  const fleet = createFleet({
    devices: 30,
    serverUrl: `${E2E_BASE_URL}/dm`,
    prefix,
    concurrency: 8,
    register: { apiUrl: E2E_BASE_URL, token: await adminToken(page.request) },
  });
  expect((await fleet.runOnce()).sessionsOk).toBe(30);
  const name = `${NAME}-a`;
  const value = `fleet-image-${RUN}`;
  try {
    await signIn(page);
    const form = new NewProfilePage(page);
    await form.open();
    await form.fill({ name, query: `devId ~ "${prefix}-"`, nodes: [{ uri: PKG_NAME, value }] });
    await expect(page.getByTestId('profile-match-count')).toContainText('30 devices match now');
    await form.create();

    const list = new ProfileList(page);
    await list.open();
    // The membership sweep finds the 30 at once; each waits for its next session.
    await expect(list.count(name, 'pending')).toHaveText('30 pending', { timeout: 30_000 });
    await expect(list.count(name, 'verified')).toHaveText('0 verified');

    // One session each: the write and its read-back travel in one P2; the list follows live.
    const round = fleet.runOnce();
    await expect(list.count(name, 'verified')).toHaveText('30 verified', { timeout: 60_000 });
    expect((await round).sessionsOk).toBe(30);
    await expect(list.count(name, 'pending')).toHaveText('0 pending');
    await expect(list.count(name, 'failed')).toHaveText('0 failed');
    for (const device of fleet.devices)
      expect(device.store.getValue(MOIDS.fumo, MIIDS.fumo, 'PkgName')).toBe(value);
  } finally {
    await fleet.stop();
  }
});

test('a device that drifts is written again and returns to verified; the device page shows the drift', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const { devId, device } = await simulatedDevice(request, SECRET, { imeiPrefix: '39' });
  const profiles = new ProfileApi(request);
  const name = `${NAME}-b`;
  await profiles.create({ name, query: `devId = "${devId}"`, nodes: [{ uri: PKG_VERSION, value: '9.9.9' }] });
  expect((await device.runSession()).ok).toBe(true);
  expect(device.store.getValue(MOIDS.fumo, MIIDS.fumo, 'PkgVersion')).toBe('9.9.9');

  await signIn(page);
  const tab = new DeviceProfilesTab(page);
  await tab.open(devId);
  await expect(tab.row(name).getByTestId('profile-status')).toHaveText('verified');

  // Someone changes the value on the device; the console reads it back (Refresh on the node).
  device.store.setValue(MOIDS.fumo, MIIDS.fumo, 'PkgVersion', '1.0.0-local');
  const tree = new DeviceTreePage(page);
  await tree.open(devId, PKG_VERSION);
  await tree.details.getByRole('button', { name: 'Refresh' }).click();
  await expect(tree.details.getByTestId('tracked-command')).toHaveAttribute('data-state', 'queued');
  expect((await device.runSession()).ok).toBe(true);
  await expect(tree.details.getByTestId('node-value')).toHaveText('1.0.0-local');

  // At the next session the server sees the drift and writes the profile's value again.
  expect((await device.runSession()).ok).toBe(true);
  expect(device.store.getValue(MOIDS.fumo, MIIDS.fumo, 'PkgVersion')).toBe('9.9.9');
  await tab.open(devId);
  const row = tab.row(name);
  await expect(row.getByTestId('profile-status')).toHaveText('verified');
  await expect(row.getByTestId('drift-writes')).toHaveText('drift corrected ×1');
  await tree.open(devId, PKG_VERSION);
  await expect(tree.details.getByTestId('node-value')).toHaveText('9.9.9');
});

test('a write the meta-data forbids is not sent: the device is failed with the dry run’s reason', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const { devId, device } = await simulatedDevice(request, SECRET, { imeiPrefix: '39' });
  const name = `${NAME}-c`;
  const created = await new ProfileApi(request).create({
    name,
    query: `devId = "${devId}"`,
    nodes: [{ uri: LANG, value: 'fr-FR' }],
  });
  expect((await device.runSession()).ok).toBe(true);
  expect(device.store.getValue(MOIDS.devInfo, MIIDS.devInfo, 'Lang')).toBe('en-US');

  await signIn(page);
  const detail = new ProfileDetail(page);
  await detail.open(created.id);
  await expect(page.getByTestId('count-failed')).toHaveText('1 failed');
  await detail.showDevices('failed');
  const row = detail.device(devId);
  await expect(row.getByTestId('profile-status')).toHaveText('failed');
  await expect(row).toContainText('DevInfo/Lang allows only Get; writing it needs Replace');
  await expect(row.locator('[data-testid="node-progress-row"] [data-state="failed"]')).toBeVisible();

  const tab = new DeviceProfilesTab(page);
  await tab.open(devId);
  await expect(tab.row(name)).toContainText('writing it needs Replace');

  // The failed devices are a campaign's target in one click.
  await detail.open(created.id);
  await page.getByRole('link', { name: 'Start campaign from failed devices' }).click();
  await expect(page).toHaveURL(/\/campaigns\/new\?query=/);
  await expect(page.getByTestId('applied-query')).toContainText(`Applies to: profile "${name}" = failed.`);
  await expect(page.getByRole('combobox', { name: 'Fleet query' })).toHaveValue(`profile "${name}" = failed`);
  await expect(page.getByTestId('query-error')).toHaveCount(0);
});

test('two profiles that set one node differently are both shown conflicted, and the higher priority holds it', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const { devId, device } = await simulatedDevice(request, SECRET, { imeiPrefix: '39' });
  const profiles = new ProfileApi(request);
  const high = `${NAME}-d-high`;
  const low = `${NAME}-d-low`;
  const query = `devId = "${devId}"`;
  const winner = await profiles.create({
    name: high,
    query,
    priority: 20,
    nodes: [{ uri: PKG_URL, value: 'http://127.0.0.1:9/high.bin' }],
  });
  const loser = await profiles.create({
    name: low,
    query,
    priority: 5,
    nodes: [{ uri: PKG_URL, value: 'http://127.0.0.1:9/low.bin' }],
  });
  expect((await device.runSession()).ok).toBe(true);
  expect((await device.runSession()).ok).toBe(true);
  expect(device.store.getValue(MOIDS.fumo, MIIDS.fumo, 'Download/PkgURL')).toBe(
    'http://127.0.0.1:9/high.bin',
  );

  await signIn(page);
  const list = new ProfileList(page);
  await list.open();
  await expect(list.row(high).getByTestId('profile-conflicts')).toHaveText('1 conflict');
  await expect(list.row(low).getByTestId('profile-conflicts')).toHaveText('1 conflict');
  await expect(list.count(high, 'verified')).toHaveText('1 verified');
  await expect(list.count(low, 'conflicted')).toHaveText('1 conflicted');

  const detail = new ProfileDetail(page);
  await detail.open(loser.id);
  await expect(detail.conflicts()).toContainText('the other wins');
  await expect(detail.conflicts().getByRole('link', { name: high })).toHaveAttribute(
    'href',
    `/profiles/${winner.id}`,
  );
  await expect(detail.device(devId).getByTestId('profile-status')).toHaveText('conflicted');
  await expect(detail.device(devId)).toContainText(high);
  await detail.open(winner.id);
  await expect(detail.conflicts()).toContainText('this profile wins');
  await expect(detail.conflicts().getByRole('link', { name: low })).toBeVisible();

  const tab = new DeviceProfilesTab(page);
  await tab.open(devId);
  await expect(tab.row(high).getByTestId('profile-status')).toHaveText('verified');
  await expect(tab.row(low).getByTestId('profile-status')).toHaveText('conflicted');
  await expect(tab.row(low)).toContainText(high);
  // Another session changes nothing: no write-back-and-forth between the two.
  expect((await device.runSession()).ok).toBe(true);
  expect(device.store.getValue(MOIDS.fumo, MIIDS.fumo, 'Download/PkgURL')).toBe(
    'http://127.0.0.1:9/high.bin',
  );
  await expect(tab.row(low).getByTestId('profile-status')).toHaveText('conflicted');
});
