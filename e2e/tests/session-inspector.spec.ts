// The session inspector (profile §13) in the browser: a support user (read-only) opens a device,
// finds the session in which a value changed, reads its packages explained in words and sees the
// secrets redacted; a new session appears without a reload.
import { expect, test } from '@playwright/test';
import { createUser, queueCommand, signIn, simulatedDevice } from '../fixtures/console';
import { E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-inspector-secret-0123456789';
const PKG_URL = 'urn:oma:mo:oma-fumo:1.0/fw/DownloadAndUpdate/PkgURL';
const URL_PASSWORD = 'pw-in-the-url-42';

test('a support user finds the session that changed a value and reads it explained, secrets redacted', async ({
  page,
  request,
}) => {
  const { devId, device, token } = await simulatedDevice(request, SECRET);

  // An admin changes a value (an HGET of hosted data: the DM 2.0 way to replace one); the device runs it.
  const newUrl = `http://fw:${URL_PASSWORD}@updates.example/fw-2.bin`;
  await queueCommand(request, token, devId, { command: ['HGET', null, PKG_URL], data: { PkgURL: newUrl } });
  expect((await device.runSession()).ok).toBe(true);

  const { username, password } = await createUser(request, token, 'support', 'support-inspector');

  await signIn(page, username, password);
  await page.goto(`/devices/${encodeURIComponent(devId)}`);
  await page.getByRole('tab', { name: 'Sessions' }).click();
  const sessions = page.getByRole('table', { name: 'Sessions' });
  await expect(sessions.getByTestId('session-row')).toHaveCount(2);

  // Live: a session the device opens now appears without a reload.
  expect((await device.runSession()).ok).toBe(true);
  await expect(sessions.getByTestId('session-row')).toHaveCount(3);

  // The session in which the value changed: the second newest.
  await sessions
    .getByTestId('session-row')
    .nth(1)
    .getByRole('button', { name: /^Open the session of/ })
    .click();
  await expect(page.getByRole('heading', { name: /^Session of/ })).toBeVisible();
  const log = page.getByRole('log', { name: 'Packages of the session' });
  const p2 = log.getByRole('article', { name: 'P2 #2: Server sends commands' });
  await expect(p2).toContainText(`HGET of ${E2E_BASE_URL}/dr/objects/<redacted> into ${PKG_URL}`);
  await expect(p2).toContainText('URL of the firmware package');
  const fetch = log.locator('[data-kind="DR"]');
  await expect(fetch).toContainText('The device fetches the hosted data at /dr/objects/:token — 200 OK.');
  const p3 = log.locator('[data-kind="P3"]');
  await expect(p3).toContainText(`200 OK for the HGET of ${PKG_URL} — OK: the command was carried out.`);
  await expect(log.locator('[data-kind="P2"]').last()).toContainText('The session ends here.');

  // The JSON is one click away; credentials and tokens show as redacted, never in clear.
  await fetch.getByText('JSON of DR').click();
  await expect(fetch.locator('mark').first()).toHaveText('<redacted>');
  await expect(fetch.locator('pre')).toContainText('http://fw:<redacted>@updates.example/fw-2.bin');
  await expect(page.locator('body')).not.toContainText(URL_PASSWORD);
  await expect(page.getByRole('button', { name: 'Copy as JSON' })).toBeVisible();

  await page.getByRole('button', { name: 'Back to sessions' }).click();
  await expect(sessions.getByTestId('session-row')).toHaveCount(3);
});
