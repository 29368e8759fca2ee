// Profile §10 end to end, in two browsers at once: an admin creates an operator in Admin → Users;
// the operator signs in with its own cookies and queues a command, which the history names it for;
// the admin disables the operator, whose open console goes back to the sign-in screen without a
// reload while its cookie is refused; Admin → Audit shows each step with its actor and the chain
// verifies. An operator locked out by failed sign-ins signs in at once after an admin clears its
// lockout in Admin → Users. (An HTML artifact opened in the browser is downloaded: security.spec.ts.)
import { expect, test, type Page } from '@playwright/test';
import { SimDevice } from '@dmc/sim';
import { adminToken, registerDevice } from '../fixtures/api';
import { AuditPage } from '../pages/audit-page';
import { DeviceCommands } from '../pages/device-commands';
import { LoginPage } from '../pages/login-page';
import { UsersPage } from '../pages/users-page';
import { E2E_ADMIN, E2E_BASE_URL } from '../playwright.config';

const SECRET = 'e2e-trust-secret-0123456789';
const DEVINFO_MOD = 'urn:oma:mo:oma-dm-devinfo:1.0//Mod';

async function signIn(page: Page, username: string, password: string): Promise<void> {
  // The client-side redirect shows the console has started before the form is used.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await new LoginPage(page).signIn(username, password);
  await expect(page.getByTestId('user-menu')).toHaveAccessibleName(new RegExp(`^User menu: ${username} `));
}

/** A mark on the page's window: it survives client-side navigation and is gone after a reload. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
}

test('an admin creates an operator, the operator queues a command, is disabled and signed out live, and the audit shows it all', async ({
  page: adminPage,
  browser,
  request,
}) => {
  // Two consoles and a device over one story: more steps than the default 30 s is sized for.
  test.setTimeout(60_000);
  const suffix = Date.now().toString(36);
  const operator = { username: `op-${suffix}`, password: `trust-e2e-${suffix}-pass` };
  const devId = `TRUST-${suffix}`;
  await registerDevice(request, await adminToken(request), devId, SECRET);
  const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${E2E_BASE_URL}/dm` });
  expect((await device.runSession()).ok).toBe(true);

  // 1. The admin creates the operator in Admin → Users.
  await signIn(adminPage, E2E_ADMIN.username, E2E_ADMIN.password);
  const users = new UsersPage(adminPage);
  await users.open();
  await users.create(operator.username, operator.password, 'operator');
  await expect(users.row(operator.username).getByLabel(`Role of ${operator.username}`)).toHaveValue(
    'operator',
  );
  await expect(users.status(operator.username)).toHaveText('active');

  // 2. The operator, in a browser of its own, queues a GET from the device page.
  const operatorContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  try {
    const operatorPage = await operatorContext.newPage();
    await signIn(operatorPage, operator.username, operator.password);
    await expect(
      operatorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }),
    ).toHaveCount(0);
    const commands = new DeviceCommands(operatorPage);
    await commands.open(devId);
    await commands.compose('GET', DEVINFO_MOD);
    const row = commands.rows('devinfo:1.0//Mod');
    await commands.queue(row);
    await expect(commands.state(row)).toHaveText('queued');
    await expect(row.getByRole('cell', { name: operator.username, exact: true })).toBeVisible();
    // The socket is up, so the sign-out below can only come over it.
    await expect(operatorPage.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    expect((await operatorPage.request.get('/api/v1/auth/me')).status()).toBe(200);
    await markDocument(operatorPage);

    // 3. The admin disables the operator: its open console is signed out at once, without a reload.
    await users.disable(operator.username);
    await expect(users.status(operator.username)).toHaveText('disabled');
    await expect(operatorPage.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(operatorPage).toHaveURL(/\/login\?next=/);
    expect(await isSameDocument(operatorPage)).toBe(true);
    expect((await operatorPage.request.get('/api/v1/auth/me')).status()).toBe(401);
    expect(
      (await operatorPage.request.get(`/api/v1/devices/${encodeURIComponent(devId)}/commands`)).status(),
    ).toBe(401);
  } finally {
    await operatorContext.close();
  }

  // 4. Admin → Audit: every step with its actor, and the chain verifies.
  const audit = new AuditPage(adminPage);
  await audit.open();
  const admin = { actor: E2E_ADMIN.username, role: 'admin' };
  const byOperator = { actor: operator.username, role: 'operator' };
  const steps = [
    { ...admin, action: 'createUser', target: operator.username },
    { ...byOperator, action: 'login', target: operator.username },
    { ...byOperator, action: 'queueCommand', target: devId },
    { ...admin, action: 'updateUser', target: operator.username },
  ];
  for (const step of steps) await expect(audit.entry(step)).toHaveCount(1);
  // Filtered by the operator: its own steps stay, the admin's go.
  await audit.filterBy({ Actor: operator.username });
  await expect(audit.entry(steps[0]!)).toHaveCount(0);
  for (const step of steps.filter((s) => s.actor === operator.username)) {
    await expect(audit.entry(step)).toHaveCount(1);
  }
  const verified = await audit.verify();
  await expect(verified).toContainText('Chain intact');
  await expect(verified).toContainText(/All \d+ entries match their hashes/);
});

test('an admin lifts the sign-in lockout of an operator, who then signs in at once', async ({
  page: adminPage,
  browser,
  request,
}) => {
  const suffix = Date.now().toString(36);
  const operator = { username: `locked-${suffix}`, password: `trust-e2e-${suffix}-lock` };
  const created = await request.post('/api/v1/users', {
    data: { ...operator, role: 'operator' },
    headers: { authorization: `Bearer ${await adminToken(request)}` },
  });
  expect(created.status()).toBe(201);

  const operatorContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  try {
    const operatorPage = await operatorContext.newPage();
    // Five wrong passwords lock the username: the right one is refused too (429).
    for (let i = 0; i < 5; i += 1) {
      const wrong = await operatorPage.request.post('/api/v1/auth/login', {
        data: { username: operator.username, password: `wrong-password-${i}-x` },
      });
      expect(wrong.status()).toBe(401);
    }
    await operatorPage.goto('/login');
    await new LoginPage(operatorPage).signIn(operator.username, operator.password);
    await expect(operatorPage.getByTestId('error-code')).toHaveText('TOO_MANY_REQUESTS');

    await signIn(adminPage, E2E_ADMIN.username, E2E_ADMIN.password);
    const users = new UsersPage(adminPage);
    await users.open();
    await users.clearLockout(operator.username);

    await operatorPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(operatorPage.getByTestId('user-menu')).toHaveAccessibleName(
      new RegExp(`^User menu: ${operator.username} `),
    );

    const audit = new AuditPage(adminPage);
    await audit.open();
    await expect(
      audit.entry({
        actor: E2E_ADMIN.username,
        role: 'admin',
        action: 'clearUserLockout',
        target: operator.username,
      }),
    ).toHaveCount(1);
  } finally {
    await operatorContext.close();
  }
});
