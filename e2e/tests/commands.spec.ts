import { expect, test, type Page } from '@playwright/test';
import { DEVID_HEADER, MEDIA_TYPES } from '@dmc/shared/protocol';
import { createPushListener, SimDevice, type SimDeviceOptions } from '@dmc/sim';
import { adminToken } from '../fixtures/api';
import { DeviceCommands } from '../pages/device-commands';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-commands-secret-0123456789';
const DCMO_DISABLE = 'urn:oma:mo:oma-dcmo:1.0/Camera/Operations/Disable';

function uniqueDevId(tag: string): string {
  return `CMD-${tag}-${Date.now().toString(36)}`;
}

async function register(
  page: Page,
  devId: string,
  extra: Record<string, unknown> = {},
  options: Partial<SimDeviceOptions> = {},
): Promise<SimDevice> {
  const token = await adminToken(page.request);
  const res = await page.request.post('/api/v1/devices', {
    data: { devId, secret: SECRET, labels: ['e2e-commands'], ...extra },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(201);
  const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${E2E_BASE_URL}/dm`, ...options });
  expect((await device.runSession()).ok).toBe(true);
  return device;
}

async function signIn(page: Page): Promise<void> {
  // The client-side redirect shows the console has started before the form is used.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Records every state the command's badge shows, so a passing state is seen even if brief. */
async function recordStates(page: Page, commandText: string): Promise<void> {
  await page.evaluate((text) => {
    const seen: string[] = [];
    (window as unknown as { seenStates: string[] }).seenStates = seen;
    const read = () => {
      const row = [...document.querySelectorAll('[data-testid="command-row"]')].find((r) =>
        r.textContent?.includes(text),
      );
      const state = row?.querySelector('[data-state]')?.getAttribute('data-state');
      if (state && seen.at(-1) !== state) seen.push(state);
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, attributes: true });
  }, commandText);
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('an EXEC queued from the composer goes from queued to accepted to ok', async ({ page }) => {
  const devId = uniqueDevId('exec');
  // The device holds its outcome report until the test has seen 'accepted'.
  let report: () => void = () => undefined;
  const reported = new Promise<void>((resolve) => (report = resolve));
  const device = await register(page, devId, {}, { beforeReport: () => reported });
  const tab = new DeviceCommands(page);
  await tab.open(devId);
  await tab.compose('EXEC', DCMO_DISABLE);
  const row = tab.rows('Camera/Operations/Disable');
  await tab.queue(row);
  await expect(tab.state(row)).toHaveAttribute('data-state', 'queued');
  await expect(tab.state(row)).toHaveText('queued');
  await recordStates(page, 'Camera/Operations/Disable');

  // The session delivers the EXEC (202 accepted); the device's job session reports the outcome.
  expect((await device.runSession()).ok).toBe(true);
  await expect(tab.state(row)).toHaveText('accepted');
  report();
  await device.whenIdle();
  await expect(tab.state(row)).toHaveText('ok');
  const seen = await page.evaluate(() => (window as unknown as { seenStates: string[] }).seenStates);
  // 'sent' lasts only while the session runs; the page may or may not render it.
  expect(seen.filter((state) => state !== 'sent')).toEqual(['queued', 'accepted', 'ok']);
  await row.getByTestId('status-code').hover();
  // The tooltip carries the code and its meaning in words.
  await expect(page.getByRole('tooltip')).toContainText(/^\d{3,4} \S/);
  expect(device.store.getValue('urn:oma:mo:oma-dcmo:1.0', 'Camera', 'Enabled')).toBe('false');
});

test('a queued command can be cancelled, then retried as a new command', async ({ page }) => {
  const devId = uniqueDevId('cancel');
  await register(page, devId);
  const tab = new DeviceCommands(page);
  await tab.open(devId);
  await tab.compose('GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod');
  const rows = tab.rows('devinfo:1.0//Mod');
  await tab.queue(rows);
  await rows.getByRole('button', { name: 'Cancel GET' }).click();
  await expect(tab.state(rows)).toHaveText('cancelled');
  // Toasts sit over the history's action column until they close; dismiss them first.
  await tab.dismissToasts();
  await rows.getByRole('button', { name: 'Retry GET' }).click();
  await expect(rows).toHaveCount(2);
  await expect(tab.state(rows.first())).toHaveText('queued');
});

test('a sent command the device never answers shows its deliveries and can be cancelled', async ({
  page,
}) => {
  const devId = uniqueDevId('sent');
  await register(page, devId);
  const tab = new DeviceCommands(page);
  await tab.open(devId);
  await tab.compose('GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Man');
  const row = tab.rows('devinfo:1.0//Man');
  await tab.queue(row);
  // A device that opens a session and never answers it: the GET is delivered, then waits.
  const p1 = { Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] };
  const openSession = async () => {
    const res = await page.request.post('/dm', {
      data: p1,
      headers: {
        'content-type': MEDIA_TYPES.initiation,
        accept: MEDIA_TYPES.request,
        [DEVID_HEADER]: devId,
        authorization: `Basic ${Buffer.from(`${devId}:${SECRET}`).toString('base64')}`,
      },
    });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { CMD: string[][] }).CMD.slice(1).map((c) => c[0]);
  };
  expect(await openSession()).toEqual(['GET']);
  await expect(tab.state(row)).toHaveText('sent');
  await expect(row.getByTestId('command-deliveries')).toHaveText('Delivered once');
  expect(await openSession()).toEqual(['GET']);
  await expect(row.getByTestId('command-deliveries')).toHaveText('Delivered 2 times');

  await row.getByRole('button', { name: 'Cancel GET' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel the sent GET?' });
  await expect(dialog).toContainText('does not undo what the device has already done');
  await dialog.getByRole('button', { name: 'Cancel the command' }).click();
  await expect(tab.state(row)).toHaveText('cancelled');
  // Never sent again: the next session has nothing to do.
  expect(await openSession()).toEqual(['END']);
});

test('a dry run in the composer says why a write would fail', async ({ page }) => {
  const devId = uniqueDevId('dry');
  await register(page, devId);
  const tab = new DeviceCommands(page);
  await tab.open(devId);
  await tab.compose('HGET', 'urn:oma:mo:oma-dm-devinfo:1.0//DevID');
  await page.getByRole('textbox', { name: 'New value' }).fill('IMEI:000');
  await page.getByRole('button', { name: 'Dry run' }).click();
  const problems = page.getByTestId('dry-run-problems');
  await expect(problems).toContainText('Would fail because');
  await expect(problems).toContainText(/ACCESS_DENIED|PERMANENT_NODE/);
  // Queueing needs a second, explicit click.
  await expect(page.getByRole('button', { name: 'Queue anyway' })).toBeVisible();
  await expect(tab.rows('devinfo:1.0//DevID')).toHaveCount(0);
});

test('wake now sends a P0 the simulated device answers with a session', async ({ page }) => {
  const devId = uniqueDevId('wake');
  const listener = createPushListener();
  await listener.listening;
  try {
    const device = await register(page, devId, { pushUrl: listener.url(devId) });
    listener.attach(device);
    await new DeviceCommands(page).open(devId);
    await page.getByTestId('device-header').getByRole('button', { name: 'Wake now' }).click();
    const status = page.getByTestId('device-header').getByTestId('notification-status');
    await expect(status).toHaveAttribute('data-state', 'answered');
    await expect(status).toContainText('1 attempt');
    await listener.idle();
  } finally {
    await listener.close();
  }
});

test('a firmware update from the device page with an artifact uploaded on the Artifacts page reaches ok', async ({
  page,
}) => {
  const devId = uniqueDevId('fumo');
  const device = await register(page, devId);
  const version = `9.${Date.now() % 100000}`;
  const image = Buffer.from(`firmware image ${version}`);

  await page.getByRole('link', { name: 'Artifacts' }).click();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'router-fw.bin',
    mimeType: 'application/octet-stream',
    buffer: image,
  });
  await page.getByRole('textbox', { name: 'Name' }).fill('router-fw');
  await page.getByRole('textbox', { name: 'Version', exact: true }).fill(version);
  await page.getByRole('button', { name: 'Upload artifact' }).click();
  await expect(page.getByTestId('artifact-row').filter({ hasText: version })).toBeVisible();

  const tab = new DeviceCommands(page);
  await tab.open(devId, 'updates');
  await page.getByLabel('Artifact').selectOption({ label: `router-fw ${version} (${image.length} bytes)` });
  await page.getByRole('button', { name: 'Start firmware update' }).click();
  const operation = page.getByTestId('operation').first();
  await expect(operation.getByTestId('operation-state')).toHaveText('running');

  expect((await device.runSession()).ok).toBe(true);
  await device.whenIdle();
  // After the reported success the server reads the version back (protocol §11, safe firmware): the
  // device, which has no push URL, answers those reads in its next contact.
  await expect(operation.getByTestId('operation-state')).toHaveText('verifying the version', {
    timeout: 20_000,
  });
  await expect(async () => {
    expect((await device.runSession()).ok).toBe(true);
    await expect(operation.getByTestId('operation-state')).toHaveText('ok', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
});
