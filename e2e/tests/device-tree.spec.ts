import { expect, test, type APIRequestContext } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { createUser, signIn } from '../fixtures/console';
import { DeviceTreePage } from '../pages/device-tree-page';
import { E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-tree-secret-0123456789';
const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
let serial = 0;

/** A registered simulated device that has had its first session (instances reported, DevInfo read). */
async function newDevice(
  request: APIRequestContext,
): Promise<{ devId: string; device: SimDevice; token: string }> {
  serial += 1;
  const devId = `IMEI:37${Date.now().toString().slice(-11)}${serial}`;
  const token = await adminToken(request);
  await registerDevice(request, token, devId, SECRET);
  const device = new SimDevice({
    devId,
    secret: SECRET,
    serverUrl: `${E2E_BASE_URL}/dm`,
    profile: { manufacturer: 'Acme', model: 'Tree-1', fwVersion: '3.1.4' },
  });
  expect((await device.runSession()).ok).toBe(true);
  return { devId, device, token };
}

/** Reads FUMO into the stored tree, through the API (GET + one session). */
async function readFumo(request: APIRequestContext, token: string, devId: string, device: SimDevice) {
  const res = await request.post(`/api/v1/devices/${encodeURIComponent(devId)}/commands`, {
    headers: { authorization: `Bearer ${token}` },
    data: { command: ['GET', `${FUMO}/fw/`] },
  });
  expect(res.status()).toBe(201);
  expect((await device.runSession()).ok).toBe(true);
}

test('navigate the tree with the keyboard and read a node’s meta-data', async ({ page, request }) => {
  const { devId } = await newDevice(request);
  await signIn(page);
  const tree = new DeviceTreePage(page);
  await tree.open(devId);

  await tree.tree.focus();
  await tree.arrowDownTo('DevInfo d1');
  await tree.tree.press('ArrowLeft');
  await expect(tree.instanceRow('DevInfo d1')).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.row('FwV')).toHaveCount(0);
  await tree.tree.press('ArrowRight');
  await expect(tree.instanceRow('DevInfo d1')).toHaveAttribute('aria-expanded', 'true');
  await tree.tree.press('ArrowRight');
  expect(await tree.activeName()).toBe('DevID');
  await tree.arrowDownTo('FwV');
  await tree.tree.press('Enter');

  await expect(page).toHaveURL(/node=urn%3Aoma%3Amo%3Aoma-dm-devinfo%3A1\.0%2Fd1%2FFwV/);
  await expect(tree.details.getByRole('heading', { name: 'FwV' })).toBeVisible();
  await expect(tree.details.getByTestId('node-value')).toHaveText('3.1.4');
  await expect(tree.details).toContainText('Firmware version');
  await expect(tree.details).toContainText('Occurrence');
  await expect(tree.details).toContainText('One');
  await expect(tree.details.getByText('Get', { exact: true })).toBeVisible();
  // Read-only leaf: no edit offered, refresh is.
  await expect(tree.details.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(tree.details.getByRole('button', { name: 'Refresh' })).toBeVisible();

  // `/` focuses the filter; the filter keeps matches and their ancestors.
  await tree.tree.press('/');
  await expect(page.getByRole('textbox', { name: 'Filter nodes' })).toBeFocused();
  await page.keyboard.type('Mod');
  await expect(tree.row('Mod')).toBeVisible();
  await expect(tree.row('FwV')).toHaveCount(0);
});

test('stage an edit of a writable leaf, commit it and watch the device apply it live', async ({
  page,
  request,
}) => {
  const { devId, device } = await newDevice(request);
  await signIn(page);
  const tree = new DeviceTreePage(page);
  await tree.open(devId, `${FUMO}/fw/`);

  // Refresh queues a GET of the subtree and follows it to ok.
  await tree.details.getByRole('button', { name: 'Refresh' }).click();
  const refresh = tree.details.getByTestId('tracked-command');
  await expect(refresh).toHaveAttribute('data-state', 'queued');
  expect((await device.runSession()).ok).toBe(true);
  await expect(refresh).toHaveAttribute('data-state', 'ok');
  await expect(tree.row('DownloadAndUpdate/PkgURL')).toBeVisible();

  await tree.row('DownloadAndUpdate/PkgURL').click();
  await tree.details.getByRole('button', { name: 'Edit' }).click();
  const url = 'http://127.0.0.1:9/fw/tree-e2e.bin';
  await tree.details.getByRole('textbox', { name: 'New value' }).fill(url);
  await tree.details.getByRole('button', { name: 'Stage edit' }).click();

  await tree.openDrawer();
  const change = tree.drawer.getByTestId('staged-change');
  await expect(change).toHaveAttribute('data-verdict', 'valid');
  await expect(change).toContainText('Would be accepted');
  await tree.drawer.getByRole('button', { name: 'Commit 1 change' }).click();
  await expect(tree.drawer).toBeHidden();
  await expect(page.getByRole('button', { name: 'Staged changes (0)' })).toBeVisible();
  await expect(tree.details.getByTestId('tracked-command').first()).toHaveAttribute('data-state', 'queued');

  expect((await device.runSession()).ok).toBe(true);
  const row = tree.row('DownloadAndUpdate/PkgURL');
  await expect(row).toHaveAttribute('data-changed', 'true');
  await expect(row).toHaveClass(/dmc-flash/);
  await expect(row.getByTestId('node-change')).toContainText(url);
  await expect(tree.details.getByTestId('node-live-change')).toContainText(/by command [0-9a-f]{8}/);
  await expect(tree.details.getByTestId('node-value')).toHaveText(url);
});

test('a dry run refuses a write to a read-only node and says why', async ({ page, request }) => {
  const { devId } = await newDevice(request);
  const hosts = new Set<string>();
  page.on('request', (r) => hosts.add(new URL(r.url()).hostname));
  await signIn(page);
  const tree = new DeviceTreePage(page);
  await tree.open(devId, `${DEVINFO}/d1/FwV`);

  // The JSON view (Monaco, local bundle) lets any leaf be edited; the dry run judges the result.
  await tree.details.getByRole('button', { name: 'JSON view' }).click();
  const editor = page.getByTestId('json-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 }); // Monaco loads on first open
  await expect(editor).toContainText('"FwV": "3.1.4"');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  const json = JSON.stringify({
    DevInfo: {
      DevID: devId,
      Man: 'Acme',
      Mod: 'Tree-1',
      DmV: '2.0',
      Lang: 'en-US',
      DevType: 'gateway',
      OEM: 'Acme',
      FwV: '9.9.9',
      SwV: '1.0',
      HwV: 'A',
      Bogus: 'x',
    },
  });
  await page.keyboard.insertText(json);
  // Drop what the editor's bracket and quote auto-closing appended after the cursor.
  await page.keyboard.press('ControlOrMeta+Shift+End');
  await page.keyboard.press('Delete');
  // The JSON Schema derived from the meta-data flags the node DevInfo does not have.
  await expect(page.getByTestId('json-problems')).toContainText('Bogus');
  await page.getByRole('button', { name: 'Stage changes' }).click();

  await expect(tree.drawer).toBeVisible();
  await expect(tree.drawer.getByTestId('staged-change')).toHaveCount(2);
  const bogus = tree.drawer.getByRole('region', { name: 'Add Bogus' });
  await expect(bogus).toHaveAttribute('data-verdict', 'invalid');
  await expect(bogus).toContainText('has no node like DevInfo/Bogus');
  const change = tree.drawer.getByRole('region', { name: 'Edit FwV' });
  await expect(change).toHaveAttribute('data-verdict', 'invalid');
  await expect(change.getByTestId('dry-run-reasons')).toContainText('Would fail because');
  await expect(change.getByTestId('dry-run-reasons')).toContainText(
    'DevInfo/FwV allows only Get; writing it needs Replace',
  );
  await expect(tree.drawer.getByRole('button', { name: 'Commit 2 changes' })).toBeDisabled();
  expect([...hosts]).toEqual(['127.0.0.1']);
});

test('a support user sees no edit or queue controls', async ({ page, request }) => {
  const { devId, device, token } = await newDevice(request);
  await readFumo(request, token, devId, device);
  const { username, password } = await createUser(request, token, 'support');

  await signIn(page, username, password);
  const tree = new DeviceTreePage(page);
  await tree.open(devId, `${FUMO}/fw/DownloadAndUpdate/PkgURL`);
  await expect(tree.details.getByRole('heading', { name: 'PkgURL' })).toBeVisible();
  await expect(tree.details).toContainText('URL of the firmware package');
  for (const name of ['Refresh', 'Edit', 'Delete', 'Exec', 'Add instance']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: /^Staged changes/ })).toHaveCount(0);

  await tree.row('DownloadAndUpdate').click();
  await expect(tree.details.getByRole('heading', { name: 'DownloadAndUpdate' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Exec', exact: true })).toHaveCount(0);

  await tree.details.getByRole('button', { name: 'JSON view' }).click();
  await expect(page.getByTestId('json-editor').locator('.monaco-editor')).toBeVisible({ timeout: 30_000 }); // Monaco loads on first open
  await expect(page.getByText('Read-only.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stage changes' })).toHaveCount(0);
});
