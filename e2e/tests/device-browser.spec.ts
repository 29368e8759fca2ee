import { expect, test } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { E2E_BASE_URL } from '../playwright.config';

test('a person accepts on the page a SHOW opened in the device browser', async ({ page, request }) => {
  const token = await adminToken(request);
  const headers = { authorization: `Bearer ${token}` };
  const devId = `IMEI:36${Date.now().toString().slice(-13)}`;
  const secret = 'e2e-device-secret-0123456789';
  await registerDevice(request, token, devId, secret);

  const queued = await request.post(`/api/v1/devices/${encodeURIComponent(devId)}/commands`, {
    headers,
    data: {
      command: ['SHOW', null],
      page: { kind: 'consent', title: 'Install the update?', text: 'The router restarts once.' },
    },
  });
  expect(queued.status()).toBe(201);
  const { id } = (await queued.json()) as { id: string };

  let captured: string | undefined;
  const device = new SimDevice({
    devId,
    secret,
    serverUrl: `${E2E_BASE_URL}/dm`,
    browser: (url) => {
      captured = url;
      return Promise.resolve(true);
    },
  });
  expect((await device.runSession()).ok).toBe(true);
  expect(captured).toMatch(new RegExp(`^${E2E_BASE_URL}/ui/[A-Za-z0-9_-]{22,}$`));

  const command = async () =>
    (await (await request.get(`/api/v1/commands/${id}`, { headers })).json()) as {
      state: string;
      result: unknown;
    };
  expect((await command()).state).toBe('accepted');

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(captured ?? '');
  await expect(page.getByRole('heading', { name: 'Install the update?' })).toBeVisible();
  await expect(page.getByText('The router restarts once.')).toBeVisible();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByText('Thank you, you can close this page')).toBeVisible();

  await expect.poll(command).toEqual(expect.objectContaining({ state: 'ok', result: { answer: 'accept' } }));
});
