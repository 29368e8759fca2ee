// @vitest-environment jsdom
// Account (protocol §10): the user's own sessions with this one marked, signing one out and
// "Sign out everywhere else"; API tokens created with a role no higher than one's own, the secret
// shown once in a dialog with a copy button, and revoked after a confirmation.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiToken, AuthSession, User } from '@dmc/shared/api';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { apiToken, authSession } from '../../../test/fixtures';
import { authKeys } from '../../../lib/queries/auth';
import { AccountPage } from './account-page';

const SECRET = 'dmc_0123456789abcdefghijklmnopqrstuv';
const requests: { method: string; url: string; body?: unknown }[] = [];
let sessions: AuthSession[] = [];
let tokens: ApiToken[] = [];

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The console API as these tests need it, in-process. */
function answer(url: string, init?: RequestInit): Response {
  const method = init?.method ?? 'GET';
  const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  requests.push({ method, url, ...(body === undefined ? {} : { body }) });
  const session = /^\/api\/v1\/auth\/sessions\/([^/]+)$/.exec(url);
  const token = /^\/api\/v1\/tokens\/([^/]+)$/.exec(url);
  if (method === 'DELETE' && session) {
    sessions = sessions.filter((s) => s.id !== session[1]);
    return new Response(null, { status: 204 });
  }
  if (method === 'DELETE' && url === '/api/v1/auth/sessions') {
    const ended = sessions.filter((s) => !s.current).length;
    sessions = sessions.filter((s) => s.current);
    return json({ ended });
  }
  if (method === 'DELETE' && token) {
    tokens = tokens.filter((t) => t.id !== token[1]);
    return new Response(null, { status: 204 });
  }
  if (method === 'POST' && url === '/api/v1/tokens') {
    const input = body as { name: string; role: ApiToken['role'] };
    const made = apiToken({ id: 't9', name: input.name, role: input.role });
    tokens = [made, ...tokens];
    return json(
      { id: made.id, name: made.name, role: made.role, token: SECRET, expiresAt: made.expiresAt },
      201,
    );
  }
  if (url === '/api/v1/tokens') return json({ items: tokens });
  return json({ items: sessions });
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

function renderPage(user: User, list: { sessions?: AuthSession[]; tokens?: ApiToken[] } = {}) {
  sessions = list.sessions ?? [];
  tokens = list.tokens ?? [];
  const client = createTestQueryClient();
  client.setQueryData(authKeys.me(), user);
  return renderWithProviders(<AccountPage />, client);
}

const changes = () => requests.filter((r) => r.method !== 'GET');
const OLIVIA: User = { username: 'olivia', role: 'operator' };

describe('Your sessions', () => {
  it('marks this session, signs out another, and signs out everywhere else', async () => {
    renderPage(OLIVIA, {
      sessions: [
        authSession({ id: 'here', current: true }),
        authSession({ id: 'laptop', userAgent: 'laptop browser', address: '198.51.100.7' }),
        authSession({ id: 'script', kind: 'bearer', userAgent: 'curl/8.5' }),
      ],
    });
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Your sessions' });
    const rows = within(table).getAllByTestId('session-row');
    expect(rows).toHaveLength(3);
    const current = rows.find((r) => r.dataset.current !== undefined);
    expect(current && within(current).getByText('This session')).toBeTruthy();
    // This session has no sign-out of its own: the user menu signs it out.
    expect(current && within(current).queryByRole('button', { name: 'Sign out' })).toBeNull();
    const laptop = within(rows.find((r) => r.textContent?.includes('laptop browser')) as HTMLElement);
    expect(laptop.getByText('198.51.100.7')).toBeTruthy();
    expect(within(table).getByText('Script (bearer token)')).toBeTruthy();

    await user.click(laptop.getByRole('button', { name: 'Sign out' }));
    await waitFor(() =>
      expect(changes()).toEqual([{ method: 'DELETE', url: '/api/v1/auth/sessions/laptop' }]),
    );
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(2));

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    await waitFor(() => expect(changes()).toContainEqual({ method: 'DELETE', url: '/api/v1/auth/sessions' }));
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Sign out everywhere else' })).toHaveProperty('disabled', true);
  });
});

describe('API tokens', () => {
  it('offers only roles up to one’s own', async () => {
    renderPage({ username: 'sam', role: 'support' });
    const form = within(await screen.findByRole('form', { name: 'Create an API token' }));
    const options = within(form.getByLabelText(/^Role/)).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['support']);
  });

  it('shows the new secret once, with a copy button and a warning, then never again', async () => {
    renderPage(OLIVIA);
    // user-event puts a clipboard of its own in place of the browser's.
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Create an API token' }));
    expect(
      within(form.getByLabelText(/^Role/))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['operator', 'support']);
    await user.type(form.getByLabelText(/^Name/), 'ci-export');
    await user.selectOptions(form.getByLabelText(/^Role/), 'support');
    await user.click(form.getByRole('button', { name: 'Create token' }));
    await waitFor(() =>
      expect(changes()).toEqual([
        {
          method: 'POST',
          url: '/api/v1/tokens',
          body: { name: 'ci-export', role: 'support', expiresInDays: 90 },
        },
      ]),
    );
    const dialog = within(await screen.findByRole('dialog', { name: 'API token "ci-export" created' }));
    expect(dialog.getByTestId('created-token').textContent).toBe(SECRET);
    expect(dialog.getByRole('alert').textContent).toMatch(/you will not see it again/);
    await user.click(dialog.getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(await dialog.findByRole('button', { name: 'Copied' })).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'I have copied it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Listed without its secret; the secret is nowhere on the page any more.
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(within(table).getByText('ci-export')).toBeTruthy();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('revokes a token only after a confirmation; an admin sees the owners', async () => {
    renderPage(
      { username: 'admin', role: 'admin' },
      { tokens: [apiToken({ id: 'ta', name: 'nightly', username: 'olivia' })] },
    );
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(within(table).getByRole('columnheader', { name: 'Owner' })).toBeTruthy();
    expect(within(table).getByText('olivia')).toBeTruthy();
    await user.click(within(table).getByRole('button', { name: 'Revoke' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Revoke "nightly"?' }));
    await user.click(dialog.getByRole('button', { name: 'Keep it' }));
    expect(changes()).toEqual([]);
    await user.click(within(table).getByRole('button', { name: 'Revoke' }));
    const again = within(await screen.findByRole('dialog', { name: 'Revoke "nightly"?' }));
    await user.click(again.getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(changes()).toEqual([{ method: 'DELETE', url: '/api/v1/tokens/ta' }]));
    await waitFor(() => expect(screen.queryByRole('table', { name: 'API tokens' })).toBeNull());
  });
});
