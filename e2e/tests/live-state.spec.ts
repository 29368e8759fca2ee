// Honest live state (issue 15): the console says when it has lost the server and disables actions
// until it is back; "Go to DevID" suggests devices; the device page and the fleet list fit a phone.
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-live-secret-0123456789';
const RUN = Date.now().toString(36);
const devIdOf = (n: number) => `zlive-${RUN}-${String(n).padStart(2, '0')}`;

test.beforeAll(async ({ request }) => {
  const token = await adminToken(request);
  for (let n = 1; n <= 3; n += 1) await registerDevice(request, token, devIdOf(n), SECRET);
  const device = new SimDevice({
    devId: devIdOf(1),
    secret: SECRET,
    serverUrl: `${E2E_BASE_URL}/dm`,
    profile: { manufacturer: 'Northwind', model: 'Live-1', fwVersion: '1.0.0' },
  });
  expect((await device.runSession()).ok).toBe(true);
});

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
}

/** The page and its scrolling main area are no wider than the screen. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const main = document.querySelector('main');
        const doc = document.documentElement;
        return {
          page: doc.scrollWidth - doc.clientWidth,
          main: main ? main.scrollWidth - main.clientWidth : 0,
        };
      }),
    )
    .toEqual({ page: 0, main: 0 });
}

test('the console says when the server is lost, disables actions, and recovers', async ({ page }) => {
  // The console's socket passes through this route; "losing the server" closes it, and new ones
  // get no answer until the server is "back".
  test.setTimeout(90_000);
  let isBlocked = false;
  const open: WebSocketRoute[] = [];
  const held: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (isBlocked) {
      // Opened and never answered: the console waits for a server that does not reply, and tries
      // again when socket.io's connection timeout (20 s) ends that attempt.
      held.push(ws);
      return;
    }
    ws.connectToServer();
    open.push(ws);
  });
  await signIn(page, `/devices/${devIdOf(1)}`);
  const wake = page.getByRole('button', { name: 'Wake now' });
  const refresh = page.getByRole('button', { name: 'Refresh inventory' });
  const banner = page.getByTestId('connection-banner');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  await expect(wake).toBeEnabled();
  await expect(banner).toBeHidden();

  isBlocked = true;
  for (const ws of open.splice(0)) await ws.close();
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Connection to the server lost — reconnecting…');
  await expect(banner).toContainText('Actions are disabled until it is back');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'reconnecting');
  await expect(wake).toBeDisabled();
  await expect(refresh).toBeDisabled();
  // Reading still works: the tabs and navigation are not actions.
  await expect(page.getByRole('tab', { name: /Tree/ })).toBeEnabled();

  // The console tries again while the server is away (socket.io's reconnection delay is random).
  await expect.poll(() => held.length, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(banner).toBeVisible();
  isBlocked = false;
  await expect(banner).toBeHidden({ timeout: 45_000 });
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  await expect(wake).toBeEnabled();
});

test('Go to DevID suggests matching devices as one types', async ({ page }) => {
  await signIn(page, '/');
  const box = page.getByRole('combobox', { name: 'Go to device' });
  await box.fill(`zlive-${RUN}-0`);
  const list = page.getByRole('listbox', { name: 'Matching devices' });
  await expect(list.getByRole('option')).toHaveCount(3);
  await expect(list.getByRole('option', { name: devIdOf(2) })).toBeVisible();
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/devices/${devIdOf(2)}$`));
  await expect(page.getByTestId('device-header')).toContainText(devIdOf(2));
});

test('the device page and the fleet list fit a phone screen', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, `/devices/${devIdOf(1)}`);
  await expect(page.getByTestId('device-header')).toContainText(devIdOf(1));
  await expect(page.getByRole('button', { name: 'Wake now' })).toBeVisible();
  await expectNoHorizontalScroll(page);

  // The navigation is a menu behind a button.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Devices' })).not.toBeInViewport();
  await page.getByRole('button', { name: 'Toggle navigation' }).click();
  await expect(nav.getByRole('link', { name: 'Devices' })).toBeInViewport();
  await nav.getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
  await expect(page.getByTestId('device-total')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Fleet query' })).toBeVisible();
  await expectNoHorizontalScroll(page);
});
