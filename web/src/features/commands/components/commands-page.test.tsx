// @vitest-environment jsdom
// The fleet-wide Commands screen: filters read from and written to the URL and sent to the API,
// device links, and "Load more" following the cursor.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandPage, User } from '@dmc/shared/api';
import { renderWithProviders, createTestQueryClient } from '../../../test/dom';
import { command } from '../../../test/fixtures';
import { authKeys } from '../../../lib/queries/auth';
import { CommandsPage } from './commands-page';

const OPERATOR: User = { username: 'op', role: 'operator' };

/** The list URLs the screen asked for; each answer is a page of `pageFor(url)`. */
const requests: URL[] = [];
let pageFor: (url: URL) => CommandPage = () => ({ items: [], nextCursor: null });

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string) => {
    const parsed = new URL(url, 'http://console.test');
    requests.push(parsed);
    return Promise.resolve(
      new Response(JSON.stringify(pageFor(parsed)), { headers: { 'content-type': 'application/json' } }),
    );
  });
});
afterAll(() => vi.unstubAllGlobals());
afterEach(() => {
  cleanup();
  requests.length = 0;
});

/** Shows the URL's query string, so a test can read what the screen put there. */
function LocationProbe() {
  return <output data-testid="location">{useLocation().search}</output>;
}
const location = () => screen.getByTestId('location').textContent;

function renderPage(entry: string) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), OPERATOR);
  return renderWithProviders(
    <MemoryRouter initialEntries={[entry]}>
      <CommandsPage />
      <LocationProbe />
    </MemoryRouter>,
    queryClient,
  );
}

const lastQuery = () => Object.fromEntries(requests.at(-1)?.searchParams ?? []);

describe('Commands screen', () => {
  it('reads its filters from the URL and asks the API for exactly those', async () => {
    pageFor = () => ({
      items: [command({ id: 'f1', devId: 'dev/1', state: 'failed', createdBy: 'olivia' })],
      nextCursor: null,
    });
    renderPage('/commands?state=failed&device=dev/1&by=olivia&command=GET');
    const row = within(await screen.findByTestId('command-row'));
    expect(lastQuery()).toEqual({
      state: 'failed',
      devId: 'dev/1',
      createdBy: 'olivia',
      command: 'GET',
      limit: '50',
    });
    expect(row.getByRole('link', { name: 'dev/1' }).getAttribute('href')).toBe(
      '/devices/dev%2F1?tab=commands',
    );
    expect(row.getByText('failed')).toBeTruthy();
    expect(row.getByText('olivia')).toBeTruthy();
    expect(row.getByRole('button', { name: 'Retry GET' })).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Device' }).value).toBe('dev/1');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Queued by' }).value).toBe('olivia');
  });

  it('puts a changed filter into the URL and fetches again', async () => {
    pageFor = () => ({ items: [], nextCursor: null });
    renderPage('/commands');
    await screen.findByText('No commands yet. Commands queued for any device appear here.');
    expect(lastQuery()).toEqual({ limit: '50' });
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Device' }), 'd7');
    await waitFor(() => expect(location()).toBe('?device=d7'));
    await waitFor(() => expect(lastQuery()).toEqual({ devId: 'd7', limit: '50' }));
    await user.click(screen.getByPlaceholderText('Any state'));
    await user.click(await screen.findByRole('option', { name: 'expired', hidden: true }));
    await waitFor(() => expect(location()).toBe('?device=d7&state=expired'));
    await waitFor(() => expect(lastQuery()).toEqual({ devId: 'd7', state: 'expired', limit: '50' }));
    expect(await screen.findByText('No commands match these filters.')).toBeTruthy();
  });

  it('loads the next page with the cursor when asked', async () => {
    pageFor = (url) =>
      url.searchParams.get('cursor') === 'next-1'
        ? { items: [command({ id: 'older' })], nextCursor: null }
        : { items: [command({ id: 'newer' })], nextCursor: 'next-1' };
    renderPage('/commands');
    await screen.findByTestId('command-row');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('command-row')).toHaveLength(2));
    expect(lastQuery()).toEqual({ limit: '50', cursor: 'next-1' });
    expect(screen.getAllByTestId('command-row').map((r) => r.dataset.commandId)).toEqual(['newer', 'older']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
