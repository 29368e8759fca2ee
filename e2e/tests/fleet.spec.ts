import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken } from '../fixtures/api';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-fleet-secret-0123456789';
const COUNT = 60;

/** This run's own devices and label, so other specs' devices never match. */
const RUN = Date.now().toString(36);
const LABEL = `fleet-${RUN}`;
// Lower case sorts after the upper-case IMEI:… ids of other specs, so in the default DevID order
// these rows never push another spec's device out of the visible (virtualized) rows.
const PREFIX = `zfleet-${RUN}-`;
const devIdOf = (n: number) => `${PREFIX}${String(n).padStart(3, '0')}`;

async function register(request: APIRequestContext, token: string, n: number): Promise<void> {
  const res = await request.post('/api/v1/devices', {
    data: { devId: devIdOf(n), secret: SECRET, labels: [LABEL, n % 2 === 0 ? 'zone-even' : 'zone-odd'] },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(201);
}

test.beforeAll(async ({ request }) => {
  const token = await adminToken(request);
  for (let n = 1; n <= COUNT; n += 1) await register(request, token, n);
  // Four devices hold a DM session, so they report DevInfo (two below firmware 2.0).
  const firmware = ['1.4.0', '1.9.2', '2.0.0', '2.3.1'];
  for (const [i, fwVersion] of firmware.entries()) {
    const device = new SimDevice({
      devId: devIdOf(i + 1),
      secret: SECRET,
      serverUrl: `${E2E_BASE_URL}/dm`,
      profile: { manufacturer: 'Northwind', model: 'Fleet-X', fwVersion },
    });
    expect((await device.runSession()).ok).toBe(true);
  }
});

test('filter, page and export a fleet with the query language', async ({ page }) => {
  await page.goto('/devices');
  await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
  const queryBox = page.getByRole('combobox', { name: 'Fleet query' });
  const rows = page.getByTestId('device-row');
  const total = page.getByTestId('device-total');

  // Completion offers node paths from the meta-data catalog.
  await queryBox.fill('@FUMO/St');
  await expect(page.getByRole('option', { name: /@FUMO\/State/ })).toBeVisible();
  await queryBox.press('ArrowDown');
  await queryBox.press('Enter');
  await expect(queryBox).toHaveValue('@FUMO/State ');

  // A query: only the matching rows, and the query goes into the URL.
  const query = `label = "${LABEL}" AND Mod = "Fleet-X" AND FwV < "2.0" AND lastSeen > -1h`;
  await queryBox.fill(query);
  await queryBox.press('Enter');
  await expect(total).toHaveText('2 devices');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(devIdOf(1));
  await expect(rows.nth(1)).toContainText(devIdOf(2));
  await expect(page).toHaveURL(/[?&]query=/);
  expect(new URL(page.url()).searchParams.get('query')).toBe(query);

  // A mistake is shown at its place and applies nothing; the count and the old list give way to it,
  // so nothing looks filtered by a query that does not parse (issue 15).
  const broken = `label = "${LABEL}" AND Modl = "Fleet-X"`;
  await queryBox.fill(broken);
  await queryBox.press('Enter');
  const error = page.getByTestId('query-error');
  await expect(error).toContainText('Unknown field "Modl"');
  await expect(error).toHaveAttribute('data-offset', String(broken.indexOf('Modl')));
  await expect(page.getByTestId('query-highlight').locator('[data-error]')).toHaveText('Modl');
  await expect(page.getByTestId('query-invalid')).toBeVisible();
  await expect(total).toBeHidden();
  await expect(rows).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('query')).toBe(query);

  // The whole labelled fleet, sorted by DevID: scroll to the end; the count is right.
  await queryBox.fill(`label = "${LABEL}"`);
  await queryBox.press('Enter');
  await expect(total).toHaveText(`${COUNT} devices`);
  await page.getByTestId('device-table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(rows.filter({ hasText: devIdOf(COUNT) })).toBeVisible();
  await expect(rows.filter({ hasText: devIdOf(1) })).toHaveCount(0);

  // Reload keeps the query; Back returns to the earlier one.
  await page.reload();
  await expect(queryBox).toHaveValue(`label = "${LABEL}"`);
  await expect(total).toHaveText(`${COUNT} devices`);
  await page.goBack();
  await expect(queryBox).toHaveValue(query);
  await expect(total).toHaveText('2 devices');
  await page.goForward();
  await expect(total).toHaveText(`${COUNT} devices`);

  // Columns: hiding one is part of the URL too.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menuitem', { name: 'Manufacturer' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('columnheader', { name: 'Manufacturer' })).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]cols=/);

  // The CSV holds every row of the query, not just the loaded ones.
  await queryBox.fill(`label = "${LABEL}" AND label = "zone-even"`);
  await queryBox.press('Enter');
  await expect(total).toHaveText(`${COUNT / 2} devices`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toMatch(/^devId,manufacturer,model,firmware,/);
  expect(csv).toHaveLength(COUNT / 2 + 1);
  expect(csv.slice(1).every((line) => line.startsWith(PREFIX))).toBe(true);
  expect(csv.find((line) => line.startsWith(devIdOf(2)))).toContain('Northwind,Fleet-X,1.9.2');
});
