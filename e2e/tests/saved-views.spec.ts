import { expect, test } from '@playwright/test';
import { createFleet } from '@dmc/sim';
import { adminToken } from '../fixtures/api';
import { CampaignDetail, NewCampaignPage } from '../pages/campaign-pages';
import { LoginPage } from '../pages/login-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

/** This run's own devices, so other specs' devices never match the view's query. */
const RUN = Date.now().toString(36);
const LANG = 'urn:oma:mo:oma-dm-devinfo:1.0//Lang';

test('save a view on the Devices page, pick it after a reload, start a campaign from it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const prefix = `views-${RUN}`;
  const fleet = createFleet({
    devices: 4,
    serverUrl: `${E2E_BASE_URL}/dm`,
    prefix,
    concurrency: 4,
    push: {},
    register: { apiUrl: E2E_BASE_URL, token: await adminToken(page.request) },
  });
  const round = await fleet.runOnce();
  expect(round.sessionsOk).toBe(4);
  const [first, second, third] = fleet.devices.map((d) => d.devId);
  const query = `devId IN ("${first}", "${second}", "${third}")`;
  const viewName = `Three of ${RUN}`;
  try {
    await page.goto('/devices');
    await new LoginPage(page).signIn(E2E_ADMIN.username, E2E_ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
    const queryBox = page.getByRole('combobox', { name: 'Fleet query' });
    const total = page.getByTestId('device-total');

    // The state to save: a query, a sort and one column hidden.
    await queryBox.fill(query);
    await queryBox.press('Enter');
    await expect(total).toHaveText('3 devices');
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitem', { name: 'Manufacturer' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('columnheader', { name: 'Manufacturer' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: 'Save view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await expect(dialog.getByTestId('save-view-query')).toHaveText(query);
    await dialog.getByRole('textbox', { name: 'View name' }).fill(viewName);
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await expect(dialog).toBeHidden();

    // A fresh page without that state: every device, every default column.
    await page.goto('/devices');
    await page.reload();
    await expect(queryBox).toHaveValue('');
    await expect(page.getByRole('columnheader', { name: 'Manufacturer' })).toHaveCount(1);
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: viewName }).click();
    await expect(queryBox).toHaveValue(query);
    await expect(total).toHaveText('3 devices');
    await expect(page.getByRole('columnheader', { name: 'Manufacturer' })).toHaveCount(0);
    expect(new URL(page.url()).searchParams.get('query')).toBe(query);

    // A campaign over the view: its query and live count, then the view's name on the campaign.
    const form = new NewCampaignPage(page);
    await form.open();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`From a view ${RUN}`);
    const target = page.getByRole('region', { name: 'Target' });
    await target.getByText('Saved view', { exact: true }).click();
    await target.getByPlaceholder('Choose a view').click();
    await page.getByRole('option', { name: viewName }).click();
    await expect(target.getByTestId('view-target')).toContainText(query);
    await expect(target.getByTestId('view-match-count')).toHaveText('3 devices match now');
    await page.getByRole('textbox', { name: 'ClientURI', exact: true }).fill(LANG);
    const preview = await form.preview();
    await expect(preview.getByLabel('Matched: 3')).toBeVisible();
    await form.create();

    const detail = new CampaignDetail(page);
    await expect(page.getByTestId('campaign-view')).toHaveText(`view ${viewName}`);
    await expect(detail.state()).toHaveText('Completed', { timeout: 45_000 });
    await expect(detail.count('ok')).toHaveText('3 ok');
  } finally {
    await fleet.stop();
  }
});
