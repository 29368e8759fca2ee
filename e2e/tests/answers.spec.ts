// Answers shown truly (protocol §8): a consent the person declines on the device reads "declined"
// live in the console; after a DCMO Disable the tree shows the new value without a reload (the
// server reads the instance back); a GET's result opens as a tree of nodes.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { DeviceCommands } from '../pages/device-commands';
import { DeviceTreePage } from '../pages/device-tree-page';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-answers-secret-0123456789';
const DCMO = 'urn:oma:mo:oma-dcmo:1.0';
let serial = 0;

interface Setup {
  devId: string;
  device: SimDevice;
  token: string;
  /** The last page the device browser opened. */
  opened: () => string | undefined;
}

async function newDevice(request: APIRequestContext): Promise<Setup> {
  serial += 1;
  const devId = `IMEI:38${Date.now().toString().slice(-11)}${serial}`;
  const token = await adminToken(request);
  await registerDevice(request, token, devId, SECRET);
  let opened: string | undefined;
  const device = new SimDevice({
    devId,
    secret: SECRET,
    serverUrl: `${E2E_BASE_URL}/dm`,
    browser: (url) => {
      opened = url;
      return Promise.resolve(true);
    },
  });
  expect((await device.runSession()).ok).toBe(true);
  return { devId, device, token, opened: () => opened };
}

async function queue(request: APIRequestContext, setup: Setup, data: unknown): Promise<string> {
  const res = await request.post(`/api/v1/devices/${encodeURIComponent(setup.devId)}/commands`, {
    headers: { authorization: `Bearer ${setup.token}` },
    data,
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function signIn(page: Page) {
  await page.goto('/login');
  await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page).not.toHaveURL(/\/login/);
}

test('a consent declined on the device shows as declined, live', async ({ page, request, browser }) => {
  const setup = await newDevice(request);
  await signIn(page);
  const tab = new DeviceCommands(page);
  await tab.open(setup.devId);
  await queue(request, setup, {
    command: ['SHOW', null],
    page: { kind: 'consent', title: 'Install the update?', text: 'The router restarts once.' },
  });
  expect((await setup.device.runSession()).ok).toBe(true);
  const row = tab.rows('SHOW');
  await expect(tab.state(row)).toHaveText('accepted');

  // The person on the device presses Decline in the device's browser (a second browser page).
  const devicePage = await (await browser.newContext()).newPage();
  await devicePage.goto(setup.opened() ?? '');
  await devicePage.getByRole('button', { name: 'Decline' }).click();
  await expect(devicePage.getByText('Thank you, you can close this page')).toBeVisible();

  await expect(tab.state(row)).toHaveText('declined');
  await expect(tab.state(row)).toHaveAttribute('data-outcome', 'declined');
  await expect(row.getByTestId('command-result')).toHaveText('Answer: Declined');
});

test('after a DCMO Disable the tree shows the new value without a reload', async ({ page, request }) => {
  const setup = await newDevice(request);
  await queue(request, setup, { command: ['GET', `${DCMO}/Camera/`] });
  expect((await setup.device.runSession()).ok).toBe(true);
  await signIn(page);
  const tree = new DeviceTreePage(page);
  await tree.open(setup.devId, `${DCMO}/Camera/Enabled`);
  await expect(tree.details.getByTestId('node-value')).toHaveText('true');

  await queue(request, setup, { command: ['EXEC', `${DCMO}/Camera/Operations/Disable`] });
  // The EXEC is accepted; the job session reports it ok and carries the server's read-back.
  expect((await setup.device.runSession()).ok).toBe(true);
  await setup.device.whenIdle();
  await expect(tree.details.getByTestId('node-value')).toHaveText('false');
  await expect(tree.row('Enabled')).toHaveAttribute('data-changed', 'true');
});

test('a GET’s result opens as a tree of nodes and values', async ({ page, request }) => {
  const setup = await newDevice(request);
  await queue(request, setup, { command: ['GET', `${DCMO}/Camera/`] });
  expect((await setup.device.runSession()).ok).toBe(true);
  await signIn(page);
  const tab = new DeviceCommands(page);
  await tab.open(setup.devId);
  const row = tab.rows(`GET ${DCMO}/Camera/`);
  await row.getByRole('button', { name: 'Expand result of GET' }).click();
  const result = row.getByRole('tree', { name: 'result of GET' });
  const enabled = result.getByTestId('result-leaf').filter({ hasText: /^Enabled/ });
  await expect(enabled).toHaveText('Enabled = true');
  await expect(row.getByRole('button', { name: 'Copy result of GET as JSON' })).toBeVisible();
});
