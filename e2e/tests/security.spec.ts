// Profile §10 in a real browser: the built console and Monaco (workers included) run under the
// console's CSP without a single violation; cookie-authenticated changes and the live socket pass the
// Origin checks; an HTML artifact opened in the browser is downloaded, never rendered.
import { expect, test, type Page } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { DeviceTreePage } from '../pages/device-tree-page';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-security-secret-0123456789';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';

/** Every CSP violation the page reports, from the console and from the DOM event. */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on('pageerror', (err) => {
    if (/Content Security Policy/i.test(err.message)) violations.push(err.message);
  });
  return violations;
}

async function signIn(page: Page) {
  await page.goto('/login');
  await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page).not.toHaveURL(/\/login/);
}

test('the console, a cookie-authenticated change, the live socket and Monaco work under the CSP', async ({
  page,
  request,
}) => {
  const violations = collectViolations(page);
  const devId = `IMEI:38${Date.now().toString().slice(-11)}`;
  await registerDevice(request, await adminToken(request), devId, SECRET);
  const device = new SimDevice({
    devId,
    secret: SECRET,
    serverUrl: `${E2E_BASE_URL}/dm`,
    profile: { manufacturer: 'Acme', model: 'Tree-1', fwVersion: '3.1.4' },
  });
  expect((await device.runSession()).ok).toBe(true);

  const index = await page.goto('/');
  expect(index?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await signIn(page);
  const tree = new DeviceTreePage(page);
  await tree.open(devId, `${DEVINFO}/d1/FwV`);

  // A POST sent with the session cookie (Origin checked), followed live over the socket.
  await tree.details.getByRole('button', { name: 'Refresh' }).click();
  const refresh = tree.details.getByTestId('tracked-command');
  await expect(refresh).toHaveAttribute('data-state', 'queued');
  expect((await device.runSession()).ok).toBe(true);
  await expect(refresh).toHaveAttribute('data-state', 'ok');

  // Monaco and its JSON worker: the schema check only runs in the worker.
  await tree.details.getByRole('button', { name: 'JSON view' }).click();
  const editor = page.getByTestId('json-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await expect(editor).toContainText('"FwV": "3.1.4"');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(JSON.stringify({ DevInfo: { DevID: devId, Bogus: 'x' } }));
  await page.keyboard.press('ControlOrMeta+Shift+End');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('json-problems')).toContainText('Missing property "Man"');

  expect(violations).toEqual([]);
});

test('an HTML artifact opened in the browser is downloaded, not rendered', async ({ page, request }) => {
  const token = await adminToken(request);
  const uploaded = await request.post('/api/v1/artifacts?name=page&version=1&contentType=text/html', {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    data: Buffer.from('<!doctype html><title>pwned</title><script>document.title="ran"</script>'),
  });
  expect(uploaded.status()).toBe(201);
  const { url } = (await uploaded.json()) as { url: string };

  await signIn(page);
  const download = page.waitForEvent('download');
  await page.goto(url).catch(() => undefined); // navigation is aborted by the download
  expect((await download).suggestedFilename()).toBe('page-1');
  await expect(page).not.toHaveTitle(/pwned|ran/);
});
