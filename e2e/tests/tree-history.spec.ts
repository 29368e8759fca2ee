import { expect, test } from '@playwright/test';
import { createUser, queueCommand, signIn, simulatedDevice } from '../fixtures/console';
import { DeviceTreePage } from '../pages/device-tree-page';

const SECRET = 'e2e-history-secret-0123456789';
const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const PKG_URL = `${FUMO}/fw/DownloadAndUpdate/PkgURL`;
const NEW_URL = 'http://x.example/firmware-2.bin';

test('a support user finds the session that changed a value, the tree before it and the diff', async ({
  page,
  request,
}) => {
  // Three device sessions and a support user's visit.
  test.setTimeout(90_000);
  const { devId, device, token } = await simulatedDevice(request, SECRET);
  const auth = { authorization: `Bearer ${token}` };

  // FUMO read into the stored tree: PkgURL has the device's first value.
  await queueCommand(request, token, devId, { command: ['GET', `${FUMO}/fw/`] });
  expect((await device.runSession()).ok).toBe(true);
  const node = await request.get(
    `/api/v1/devices/${encodeURIComponent(devId)}/tree/history?path=${encodeURIComponent(PKG_URL)}`,
    { headers: auth },
  );
  const oldValue = ((await node.json()) as { entries: { value: string }[] }).entries[0]?.value ?? '';
  expect(oldValue).not.toBe(NEW_URL);
  // How the console shows a value.
  const oldShown = oldValue === '' ? '(empty)' : oldValue;

  // The admin replaces it; the simulated device takes the hosted value in its next session.
  const commandId = await queueCommand(request, token, devId, {
    command: ['HGET', null, PKG_URL],
    data: { PkgURL: NEW_URL },
  });
  expect((await device.runSession()).ok).toBe(true);
  await device.whenIdle();
  await expect
    .poll(async () => {
      const res = await request.get(`/api/v1/commands/${commandId}`, { headers: auth });
      return ((await res.json()) as { state: string }).state;
    })
    .toBe('ok');
  const sessions = await request.get(`/api/v1/devices/${encodeURIComponent(devId)}/sessions`, {
    headers: auth,
  });
  const sessionId = ((await sessions.json()) as { items: { id: string }[] }).items[0]?.id ?? '';

  const { username, password } = await createUser(request, token, 'support', 'support-history');
  await signIn(page, username, password);

  // The node's history: old → new, with the session and the command that set it.
  const tree = new DeviceTreePage(page);
  await tree.open(devId, PKG_URL);
  await expect(tree.details.getByTestId('node-value')).toHaveText(NEW_URL);
  const history = tree.details.getByRole('region', { name: 'Node history' });
  const newest = history.getByTestId('node-history-entry').first();
  await expect(newest).toContainText(`${oldShown} → ${NEW_URL}`);
  await expect(newest).toContainText(`session ${sessionId.slice(0, 8)}`);
  await expect(newest.getByRole('link', { name: `Command ${commandId}` })).toBeVisible();

  // The tree as of just before that session: the old value, read-only, labelled, and back to live.
  const bar = page.getByRole('region', { name: 'Tree history' });
  await bar.getByRole('slider').focus();
  await page.keyboard.press('End');
  await bar.getByRole('button', { name: 'Just before this change' }).click();
  await expect(page.getByTestId('as-of-banner')).toContainText('As of');
  await expect(page).toHaveURL(/[?&]at=/);
  await expect(tree.details.getByTestId('node-value')).toHaveText(oldShown);

  // Compare from then to now: the changed node, old → new.
  await bar.getByRole('button', { name: 'Compare…' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare' });
  await compare.getByRole('button', { name: 'Compare', exact: true }).click();
  const row = compare.getByRole('table', { name: 'Changed nodes' }).getByTestId('diff-row').filter({
    hasText: PKG_URL,
  });
  await expect(row).toContainText('changed');
  await expect(row).toContainText(`${oldShown} → ${NEW_URL}`);
  await page.keyboard.press('Escape');

  await page.getByTestId('as-of-banner').getByRole('button', { name: 'Back to live tree' }).click();
  await expect(page.getByTestId('as-of-banner')).toHaveCount(0);
  await expect(tree.details.getByTestId('node-value')).toHaveText(NEW_URL);
});
