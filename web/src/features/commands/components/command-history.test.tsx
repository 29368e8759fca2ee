// @vitest-environment jsdom
// The device's command history: how often each command was delivered, why the server ended one
// (protocol §12), and cancelling a sent command only after a confirmation that says what it does.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandRecord, User } from '@dmc/shared/api';
import { renderWithProviders } from '../../../test/dom';
import { AT, command } from '../../../test/fixtures';
import { authKeys } from '../../../lib/queries/auth';
import { commandKeys } from '../../../lib/queries/commands';
import { CommandHistory } from './command-history';

const OPERATOR: User = { username: 'op', role: 'operator' };

/**
 * The console API as this test needs it, answering the console's fetch in-process (web code runs
 * no server: it may not use Node built-ins): records each request, answers cancel and the list.
 */
const requests: { method: string; url: string }[] = [];
let items: CommandRecord[] = [];

function answer(url: string, init?: RequestInit): Response {
  const method = init?.method ?? 'GET';
  requests.push({ method, url });
  const cancel = /^\/api\/v1\/commands\/([^/]+)\/cancel$/.exec(url);
  let body: unknown = { items };
  if (method === 'POST' && cancel) {
    items = items.map((c) => (c.id === cancel[1] ? { ...c, state: 'cancelled' } : c));
    body = items.find((c) => c.id === cancel[1]);
  }
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
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

function renderHistory(list: CommandRecord[]) {
  items = list;
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  queryClient.setQueryData(authKeys.me(), OPERATOR);
  queryClient.setQueryData(commandKeys.device('d1'), { items: list });
  return renderWithProviders(<CommandHistory devId="d1" />, queryClient);
}

const row = (id: string) => {
  const found = screen.getAllByTestId('command-row').find((r) => r.dataset.commandId === id);
  if (!found) throw new Error(`no row ${id}`);
  return within(found);
};

describe('command history', () => {
  it('names who queued each command, and the server for the ones it queued itself', () => {
    renderHistory([
      command({ id: 'by-user', createdBy: 'olivia', createdAt: '2030-01-01T00:00:02.000Z' }),
      command({ id: 'by-server', createdBy: null, createdAt: '2030-01-01T00:00:01.000Z' }),
    ]);
    expect(screen.getByRole('columnheader', { name: 'By' })).toBeTruthy();
    expect(row('by-user').getByText('olivia')).toBeTruthy();
    expect(row('by-server').getByText('server')).toBeTruthy();
  });

  it('says how often each command was delivered, and why one failed without a status', () => {
    renderHistory([
      command({ id: 'queued', state: 'queued', deliveries: 0, createdAt: '2030-01-01T00:00:03.000Z' }),
      command({ id: 'once', state: 'sent', deliveries: 1, createdAt: '2030-01-01T00:00:02.000Z' }),
      command({
        id: 'gave-up',
        state: 'failed',
        deliveries: 5,
        reason: 'no-status',
        createdAt: '2030-01-01T00:00:01.000Z',
      }),
    ]);
    expect(row('queued').queryByTestId('command-deliveries')).toBeNull();
    expect(row('once').getByTestId('command-deliveries').textContent).toBe('Delivered once');
    expect(row('gave-up').getByTestId('command-deliveries').textContent).toBe('Delivered 5 times');
    expect(row('gave-up').getByTestId('command-result').textContent).toBe(
      'No status from the device after 5 deliveries',
    );
  });

  it('cancels a queued command at once, and offers no cancel for a final one', async () => {
    renderHistory([
      command({ id: 'q', state: 'queued', createdAt: '2030-01-01T00:00:02.000Z' }),
      command({ id: 'f', state: 'failed', reason: 'no-status', deliveries: 5, createdAt: AT }),
    ]);
    expect(row('f').queryByRole('button', { name: /Cancel/ })).toBeNull();
    await userEvent.setup().click(row('q').getByRole('button', { name: 'Cancel GET' }));
    await waitFor(() =>
      expect(requests).toContainEqual({ method: 'POST', url: '/api/v1/commands/q/cancel' }),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cancels a sent command only after a confirmation that says what cancelling does', async () => {
    renderHistory([command({ id: 's', state: 'sent', deliveries: 3 })]);
    const user = userEvent.setup();
    await user.click(row('s').getByRole('button', { name: 'Cancel GET' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Cancel the sent GET?' }));
    expect(dialog.getByText(/already received this command \(delivered 3 times\)/)).toBeTruthy();
    expect(dialog.getByText(/stops dmc from sending it again.*ignored.*does not undo/)).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);

    // "Keep it" closes the dialog and cancels nothing.
    await user.click(dialog.getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);

    await user.click(row('s').getByRole('button', { name: 'Cancel GET' }));
    const again = within(await screen.findByRole('dialog', { name: 'Cancel the sent GET?' }));
    await user.click(again.getByRole('button', { name: 'Cancel the command' }));
    await waitFor(() =>
      expect(requests).toContainEqual({ method: 'POST', url: '/api/v1/commands/s/cancel' }),
    );
    // The list is read again and shows the command cancelled; nothing is left to cancel.
    await waitFor(() => expect(row('s').getByText('cancelled')).toBeTruthy());
    expect(row('s').queryByRole('button', { name: 'Cancel GET' })).toBeNull();
  });
});
