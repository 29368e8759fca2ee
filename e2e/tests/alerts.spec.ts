import { expect, test, type Page } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-alerts-secret-0123456789';
let serial = 0;

/** A registered simulated device with a DevID no other spec uses. */
async function newDevice(request: Parameters<typeof adminToken>[0], fwVersion = '4.2.0'): Promise<SimDevice> {
  serial += 1;
  const devId = `ALRT:${Date.now().toString(36)}-${serial}`;
  await registerDevice(request, await adminToken(request), devId, SECRET);
  return new SimDevice({
    devId,
    secret: SECRET,
    serverUrl: `${E2E_BASE_URL}/dm`,
    profile: { manufacturer: 'Acme', model: 'E2E-Alerts', fwVersion },
  });
}

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page).toHaveURL(new RegExp(path.replace('?', '\\?')));
  // A marker on window survives only if the page is never reloaded.
  await page.evaluate(() => {
    (window as unknown as { dmcMarker: string }).dmcMarker = 'still here';
  });
}

async function isSamePage(page: Page): Promise<boolean> {
  return (
    (await page.evaluate(() => (window as unknown as { dmcMarker?: string }).dmcMarker)) === 'still here'
  );
}

async function kpi(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(`${testId}-value`).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

test('a critical alert arrives in the feed live with a toast, and leaves the open list when acknowledged', async ({
  page,
  request,
}) => {
  await signIn(page, '/alerts');
  await expect(page.getByRole('heading', { name: 'Alerts' })).toBeVisible();
  const device = await newDevice(request);
  const rows = page.getByTestId('alert-row').filter({ hasText: device.devId });
  await expect(rows).toHaveCount(0);

  const summary = await device.raiseAlert({
    AlertType: 'urn:dmc:at:e2e:1.0:Overheat',
    Mark: 'critical',
    SourceURI: 'urn:oma:mo:oma-dm-devinfo:1.0/d1/',
    DataType: 'int',
    Data: { Celsius: 93 },
  });
  expect(summary.ok).toBe(true);

  // The open feed leaves out the session alert of the P1: exactly the one critical alert shows.
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Overheat');
  await expect(rows).toContainText('critical');
  await expect(page.getByText(`Critical alert from ${device.devId}`)).toBeVisible();
  await expect(rows.getByRole('link', { name: 'urn:oma:mo:oma-dm-devinfo:1.0/d1/' })).toHaveAttribute(
    'href',
    `/devices/${encodeURIComponent(device.devId)}?tab=tree&node=${encodeURIComponent('urn:oma:mo:oma-dm-devinfo:1.0/d1/')}`,
  );
  expect(await isSamePage(page)).toBe(true);

  await rows.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByText('Alert acknowledged.')).toBeVisible();
  await expect(rows).toHaveCount(0);

  await page
    .locator('label')
    .filter({ hasText: /^Acknowledged$/ })
    .click();
  await expect(page).toHaveURL(/status=acknowledged/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-state', 'acknowledged');
  await expect(rows).toContainText(E2E_ADMIN.username);
});

test('the feed filters by device and mark from the URL', async ({ page, request }) => {
  const device = await newDevice(request);
  device.queueAlert({ AlertType: 'urn:dmc:at:e2e:1.0:BatteryLow', Mark: 'minor' });
  device.queueAlert({ AlertType: 'urn:dmc:at:e2e:1.0:Tamper', Mark: 'fatal' });
  expect((await device.runSession()).ok).toBe(true);

  await signIn(page, `/alerts?device=${encodeURIComponent(device.devId)}&mark=fatal`);
  const rows = page.getByTestId('alert-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Tamper');
  await expect(page.getByRole('textbox', { name: 'Device', exact: true })).toHaveValue(device.devId);
});

test('the dashboard counters change live when a device contacts the server', async ({ page, request }) => {
  await signIn(page, '/');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('kpi-online-value')).toBeVisible();
  const before = {
    devices: await kpi(page, 'kpi-devices'),
    online: await kpi(page, 'kpi-online'),
    sessions: await kpi(page, 'kpi-sessions'),
  };

  const device = await newDevice(request, '0.0.0-alerts');
  await expect.poll(() => kpi(page, 'kpi-devices')).toBe(before.devices + 1);
  expect((await device.runSession()).ok).toBe(true);
  await expect.poll(() => kpi(page, 'kpi-online')).toBeGreaterThanOrEqual(before.online + 1);
  await expect.poll(() => kpi(page, 'kpi-sessions')).toBeGreaterThanOrEqual(before.sessions + 1);
  await expect(page.getByTestId('recent-session').filter({ hasText: device.devId }).first()).toBeVisible();
  await expect(page.getByRole('listitem', { name: /^0\.0\.0-alerts: 1 devices$/ })).toBeVisible();

  const openCritical = await kpi(page, 'kpi-open-alerts');
  await device.raiseAlert({ AlertType: 'urn:dmc:at:e2e:1.0:Flood', Mark: 'critical' });
  await expect.poll(() => kpi(page, 'kpi-open-alerts')).toBe(openCritical + 1);
  await expect(page.getByTestId('critical-alert').filter({ hasText: device.devId })).toBeVisible();
  expect(await isSamePage(page)).toBe(true);
});

test('new alerts do not move what the reader is looking at; a pill counts them', async ({
  page,
  request,
}) => {
  const device = await newDevice(request);
  for (let i = 0; i < 40; i++) {
    device.queueAlert({ AlertType: `urn:dmc:at:e2e:1.0:Reading${i}`, Mark: 'informational' });
  }
  expect((await device.runSession()).ok).toBe(true);
  await signIn(page, `/alerts?device=${encodeURIComponent(device.devId)}`);
  const rows = page.getByTestId('alert-row');
  await expect(rows).toHaveCount(40);

  const main = page.locator('main');
  await main.evaluate((el) => el.scrollTo({ top: 700 }));
  await expect.poll(() => main.evaluate((el) => el.scrollTop)).toBeGreaterThan(600);
  const anchor = rows.nth(20);
  const before = (await anchor.boundingBox())?.y ?? 0;

  await device.raiseAlert({ AlertType: 'urn:dmc:at:e2e:1.0:Late', Mark: 'informational' });
  await expect(rows).toHaveCount(41);
  const pill = page.getByRole('button', { name: '1 new alert' });
  await expect(pill).toBeVisible();
  // The same row (now the 22nd) stays where it was on screen.
  expect(Math.abs(((await rows.nth(21).boundingBox())?.y ?? 0) - before)).toBeLessThan(2);

  await pill.click();
  await expect.poll(() => main.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(pill).toBeHidden();
  await expect(rows.first()).toContainText('Late');
});
