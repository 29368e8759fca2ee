// Calm alerts in the browser (protocol §13, ux.md "Explaining a device"): a burst of identical
// alerts is one row with ×N and its first and last time, acknowledging it lets the next one open a
// new row; critical alert toasts are grouped, can be muted, and never cover the page's controls.
import { expect, test, type Page } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-calm-alerts-secret-0123456789';
const OVERHEAT = {
  AlertType: 'urn:dmc:at:e2e:1.0:Overheat',
  Mark: 'critical',
  SourceURI: './Sensors/1',
} as const;
let serial = 0;

async function newDevice(request: Parameters<typeof adminToken>[0]): Promise<SimDevice> {
  serial += 1;
  const devId = `CALM:${Date.now().toString(36)}-${serial}`;
  await registerDevice(request, await adminToken(request), devId, SECRET);
  return new SimDevice({
    devId,
    secret: SECRET,
    serverUrl: `${E2E_BASE_URL}/dm`,
    profile: { manufacturer: 'Acme', model: 'E2E-Calm', fwVersion: '1.0.0' },
  });
}

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page).toHaveURL(new RegExp(path.replace(/[?]/g, '\\?')));
}

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('a burst of identical alerts is one row with ×N and first/last time; after acknowledging, the next opens a new row', async ({
  page,
  request,
}) => {
  // Several DM sessions on a shared machine.
  test.setTimeout(90_000);
  const device = await newDevice(request);
  await signIn(page, `/devices/${encodeURIComponent(device.devId)}?tab=alerts`);
  // The device's tab has the Alerts page's filters, without the device filter.
  await expect(page.getByRole('textbox', { name: 'Alert type' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Device', exact: true })).toHaveCount(0);
  const rows = page.getByTestId('alert-row');
  await expect(page.getByText(/No alerts match these filters/)).toBeVisible();

  // A burst: three in one package, then two more sessions.
  for (let i = 0; i < 3; i++) device.queueAlert({ ...OVERHEAT, Data: { C: 90 + i } });
  expect((await device.runSession()).ok).toBe(true);
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId('alert-count')).toHaveText('×3');
  await device.raiseAlert({ ...OVERHEAT, Data: { C: 94 } });
  await device.raiseAlert({ ...OVERHEAT, Data: { C: 95 } });
  // Live: the same row grows, no row is added.
  await expect(rows.getByTestId('alert-count')).toHaveText('×5');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('"C":95');
  await expect(rows.getByTestId('alert-first-at')).toContainText('first');
  await expect(rows.getByTestId('alert-last-at')).toContainText('last');
  const firstRowId = await rows.getAttribute('data-alert-id');

  // Session-start alerts are not open alerts: the open list never shows them.
  await expect(page.getByText('Session start')).toHaveCount(0);

  await rows.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(rows).toHaveCount(0);

  await device.raiseAlert({ ...OVERHEAT, Data: { C: 99 } });
  await expect(rows).toHaveCount(1);
  await expect(rows).not.toHaveAttribute('data-alert-id', firstRowId ?? '');
  await expect(rows).toHaveAttribute('data-count', '1');
  await expect(rows.getByTestId('alert-count')).toHaveCount(0);

  // Both, with the tab's filters in the URL.
  await page.locator('label').filter({ hasText: /^All$/ }).click();
  await expect(page).toHaveURL(/alert\.status=all/);
  const overheat = rows.filter({ hasText: 'Overheat' });
  await expect(overheat).toHaveCount(2);
  await expect(page.locator(`[data-alert-id="${firstRowId}"]`)).toHaveAttribute('data-state', 'acknowledged');
  await expect(page.locator(`[data-alert-id="${firstRowId}"]`).getByTestId('alert-count')).toHaveText('×5');

  // The dashboard draws alerts by type over time, every occurrence counted.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const chart = page.getByRole('region', { name: 'Alerts by type over time' });
  await expect(chart.getByText(/^Overheat · \d+$/)).toBeVisible();
});

test('critical alert toasts are grouped, leave the page usable beneath them, and can be muted', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await newDevice(request), await newDevice(request)];
  await signIn(page, '/alerts?mark=critical');
  // Toasts come from live events: the socket must be connected before the devices speak.
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  const toast = page.getByTestId('alert-toast');

  a.queueAlert({ ...OVERHEAT, SourceURI: './Sensors/A1' });
  a.queueAlert({ ...OVERHEAT, SourceURI: './Sensors/A2' });
  b.queueAlert({ ...OVERHEAT, SourceURI: './Sensors/B1' });
  await Promise.all([a.runSession(), b.runSession()]);
  await expect(page.getByTestId('alert-row').filter({ hasText: a.devId })).toHaveCount(2);
  await expect(page.getByTestId('alert-row').filter({ hasText: b.devId })).toHaveCount(1);
  await expect(toast).toHaveCount(1);
  await expect(toast).toContainText(/\d+ critical alerts from \d+ devices/);

  // The toast has a region of its own: it covers none of the page, whose buttons stay clickable.
  const toastBox = await toast.boundingBox();
  // The page's content (main's padding makes room for the navigation the toast sits in).
  const contentBox = await page.locator('main > *').first().boundingBox();
  expect(toastBox && contentBox && !overlaps(toastBox, contentBox)).toBe(true);
  const row = page.getByTestId('alert-row').filter({ hasText: a.devId }).first();
  await row.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByTestId('alert-row').filter({ hasText: a.devId })).toHaveCount(1);
  await expect(toast).toBeVisible();

  // Muted for an hour: the toast goes, the choice survives a reload, and new alerts raise none.
  await toast.getByRole('button', { name: 'Mute alert toasts' }).click();
  await page.getByRole('menuitem', { name: 'For 1 hour' }).click();
  await expect(toast).toHaveCount(0);
  await expect(page.getByTestId('alert-toasts-muted')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('alert-toasts-muted')).toContainText('Alert toasts muted until');
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await b.raiseAlert({ ...OVERHEAT, SourceURI: './Sensors/B2' });
  await expect(page.getByTestId('alert-row').filter({ hasText: './Sensors/B2' })).toHaveCount(1);
  await expect(toast).toHaveCount(0);

  await page.getByTestId('alert-toasts-muted').getByRole('button', { name: 'Unmute' }).click();
  await expect(page.getByTestId('alert-toasts-muted')).toHaveCount(0);
  await b.raiseAlert({ ...OVERHEAT, SourceURI: './Sensors/B3' });
  await expect(toast).toContainText(`Critical alert from ${b.devId}`, { timeout: 15_000 });
});
