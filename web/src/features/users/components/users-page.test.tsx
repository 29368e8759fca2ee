// @vitest-environment jsdom
// Admin → Users (protocol §10): the list with role, status, created and last sign-in; role changes,
// disabling and deleting only after a confirmation; resetting a password; changing one's own.
import { Notifications } from '@mantine/notifications';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserAccount } from '@dmc/shared/api';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { AT, LATER, userAccount } from '../../../test/fixtures';
import { ChangePasswordModal } from './change-password-modal';
import { UsersPage } from './users-page';

/**
 * The console API as this test needs it, answering fetch in-process: records each request with
 * its body, answers the list and each change; a 400 for `refuse` passwords.
 */
const requests: { method: string; url: string; body?: unknown }[] = [];
let users: UserAccount[] = [];
const refuse = 'Password123456';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function answer(url: string, init?: RequestInit): Response {
  const method = init?.method ?? 'GET';
  const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  requests.push({ method, url, ...(body === undefined ? {} : { body }) });
  const one = /^\/api\/v1\/users\/([^/]+)$/.exec(url);
  const username = one ? decodeURIComponent(one[1] ?? '') : '';
  if (method === 'DELETE' && /^\/api\/v1\/users\/[^/]+\/lockout$/.test(url)) {
    return new Response(null, { status: 204 });
  }
  if (method === 'DELETE' && one) {
    users = users.filter((u) => u.username !== username);
    return new Response(null, { status: 204 });
  }
  if (method === 'PATCH' && one) {
    const change = body as Partial<UserAccount> & { password?: string };
    if (change.password === refuse) {
      return json({ error: { code: 'VALIDATION_FAILED', message: 'The password is too common.' } }, 400);
    }
    users = users.map((u) => (u.username === username ? { ...u, ...change } : u));
    return json(users.find((u) => u.username === username));
  }
  return json({ items: users });
}

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => Promise.resolve(answer(url, init)));
});
afterAll(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  requests.length = 0;
});

function renderPage(list: UserAccount[]) {
  users = list;
  return renderWithProviders(<UsersPage />, createTestQueryClient());
}

const row = async (username: string) => {
  const rows = await screen.findAllByTestId('user-row');
  const found = rows.find((r) => r.dataset.username === username);
  if (!found) throw new Error(`no row ${username}`);
  return within(found);
};

const changes = () => requests.filter((r) => r.method !== 'GET');

describe('Users page', () => {
  it('lists each user with role, status, creation and last sign-in', async () => {
    renderPage([
      userAccount({ username: 'admin', lastLoginAt: LATER }),
      userAccount({ username: 'olivia', role: 'operator', disabled: true }),
    ]);
    const table = await screen.findByRole('table', { name: 'Users' });
    for (const name of ['User', 'Role', 'Status', 'Created', 'Last sign-in']) {
      expect(within(table).getByRole('columnheader', { name })).toBeTruthy();
    }
    const olivia = await row('olivia');
    expect(olivia.getByLabelText<HTMLSelectElement>('Role of olivia').value).toBe('operator');
    expect(olivia.getByTestId('user-status').textContent).toBe('disabled');
    expect(olivia.getByText('never')).toBeTruthy();
    expect(olivia.getByRole('button', { name: 'Enable' })).toBeTruthy();
    const admin = await row('admin');
    expect(admin.getByTestId('user-status').textContent).toBe('active');
    expect(admin.getAllByRole('time').map((t) => t.getAttribute('datetime'))).toEqual([AT, LATER]);
  });

  it('disables a user only after a confirmation that says its sessions end', async () => {
    renderPage([userAccount({ username: 'olivia', role: 'operator' })]);
    const user = userEvent.setup();
    await user.click((await row('olivia')).getByRole('button', { name: 'Disable' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Disable olivia?' }));
    expect(dialog.getByText(/Every session of this user ends at once/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Keep as is' }));
    expect(changes()).toEqual([]);
    await user.click((await row('olivia')).getByRole('button', { name: 'Disable' }));
    const again = within(await screen.findByRole('dialog', { name: 'Disable olivia?' }));
    await user.click(again.getByRole('button', { name: 'Disable' }));
    await waitFor(() =>
      expect(changes()).toEqual([{ method: 'PATCH', url: '/api/v1/users/olivia', body: { disabled: true } }]),
    );
    await waitFor(async () =>
      expect((await row('olivia')).getByTestId('user-status').textContent).toBe('disabled'),
    );
  });

  it('changes a role and deletes a user after confirming', async () => {
    renderPage([userAccount({ username: 'olivia', role: 'operator' })]);
    const user = userEvent.setup();
    await user.selectOptions((await row('olivia')).getByLabelText('Role of olivia'), 'support');
    const roleDialog = within(await screen.findByRole('dialog', { name: 'Make olivia support?' }));
    await user.click(roleDialog.getByRole('button', { name: 'Make support' }));
    await waitFor(() =>
      expect(changes()).toContainEqual({
        method: 'PATCH',
        url: '/api/v1/users/olivia',
        body: { role: 'support' },
      }),
    );
    await user.click((await row('olivia')).getByRole('button', { name: 'Delete' }));
    const deleteDialog = within(await screen.findByRole('dialog', { name: 'Delete olivia?' }));
    await user.click(deleteDialog.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(changes()).toContainEqual({ method: 'DELETE', url: '/api/v1/users/olivia' }));
    await waitFor(() => expect(screen.queryAllByTestId('user-row')).toHaveLength(0));
  });

  it("clears a user's sign-in lockout and says so", async () => {
    users = [userAccount({ username: 'olivia', role: 'operator' })];
    renderWithProviders(
      <>
        <Notifications />
        <UsersPage />
      </>,
    );
    const user = userEvent.setup();
    await user.click((await row('olivia')).getByRole('button', { name: 'Clear lockout' }));
    await waitFor(() =>
      expect(changes()).toEqual([{ method: 'DELETE', url: '/api/v1/users/olivia/lockout' }]),
    );
    expect(await screen.findByText('olivia may sign in again at once.')).toBeTruthy();
  });

  it('resets a password: a short one is refused before sending, a good one is sent', async () => {
    renderPage([userAccount({ username: 'olivia', role: 'operator' })]);
    const user = userEvent.setup();
    await user.click((await row('olivia')).getByRole('button', { name: 'Reset password' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Reset the password of olivia' }));
    await user.type(dialog.getByLabelText(/^New password/), 'short');
    await user.type(dialog.getByLabelText(/^Repeat the new password/), 'short');
    await user.click(dialog.getByRole('button', { name: 'Reset password' }));
    expect(await dialog.findByText('At least 12 characters.')).toBeTruthy();
    expect(changes()).toEqual([]);
    await user.clear(dialog.getByLabelText(/^New password/));
    await user.clear(dialog.getByLabelText(/^Repeat the new password/));
    await user.type(dialog.getByLabelText(/^New password/), 'a-fresh-pass-for-olivia');
    await user.type(dialog.getByLabelText(/^Repeat the new password/), 'a-fresh-pass-for-olivia');
    await user.click(dialog.getByRole('button', { name: 'Reset password' }));
    await waitFor(() =>
      expect(changes()).toEqual([
        { method: 'PATCH', url: '/api/v1/users/olivia', body: { password: 'a-fresh-pass-for-olivia' } },
      ]),
    );
  });
});

describe('Change my password', () => {
  it('sends the current and the new password, and shows the rule the server names', async () => {
    users = [userAccount({ username: 'olivia', role: 'operator' })];
    renderWithProviders(<ChangePasswordModal username="olivia" opened onClose={() => undefined} />);
    const user = userEvent.setup();
    const dialog = within(await screen.findByRole('dialog', { name: 'Change my password' }));
    await user.type(dialog.getByLabelText(/^Current password/), 'the-old-password');
    await user.type(dialog.getByLabelText(/^New password/), refuse);
    await user.type(dialog.getByLabelText(/^Repeat the new password/), refuse);
    await user.click(dialog.getByRole('button', { name: 'Change password' }));
    expect((await dialog.findByRole('alert')).textContent).toContain('The password is too common.');
    expect(changes()).toEqual([
      {
        method: 'PATCH',
        url: '/api/v1/users/olivia',
        body: { password: refuse, currentPassword: 'the-old-password' },
      },
    ]);
  });
});
