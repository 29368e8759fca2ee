import { expect, test } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

test('a device that completes a DM session appears in the console without a reload', async ({
  page,
  request,
}) => {
  await page.goto('/devices');
  await expect(page).toHaveURL(/\/login/);
  await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();

  const devId = `IMEI:35${Date.now().toString().slice(-13)}`;
  const secret = 'e2e-device-secret-0123456789';
  const rows = page.getByTestId('device-row').filter({ hasText: devId });
  await expect(rows).toHaveCount(0);

  // A marker on window survives only if the page is never reloaded.
  await page.evaluate(() => {
    (window as unknown as { dmcMarker: string }).dmcMarker = 'still here';
  });

  const token = await adminToken(request);
  await registerDevice(request, token, devId, secret);
  const device = new SimDevice({
    devId,
    secret,
    serverUrl: `${E2E_BASE_URL}/dm`,
    profile: { manufacturer: 'Acme', model: 'E2E-Router', fwVersion: '3.1.4' },
  });
  const summary = await device.runSession();
  expect(summary.ok).toBe(true);

  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('E2E-Router');
  await expect(rows).toContainText('3.1.4');
  await expect(rows).toContainText('Online');
  expect(await page.evaluate(() => (window as unknown as { dmcMarker?: string }).dmcMarker)).toBe(
    'still here',
  );
});

test('a wrong password is refused on the login page', async ({ page }) => {
  await page.goto('/login');
  await new LoginPage(page).signIn(E2E_ADMIN.username, 'wrong-password');
  await expect(page.getByRole('alert')).toContainText(/UNAUTHENTICATED|wrong username or password/i);
  await expect(page).toHaveURL(/\/login/);
});
