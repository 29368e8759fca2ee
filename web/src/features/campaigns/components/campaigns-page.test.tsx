// @vitest-environment jsdom
// Campaigns: rows with state, counters and who created/approved; the state filter lives in the URL
// and reaches the API; New campaign only for those who may create one.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@dmc/shared/api';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { campaign } from '../../../test/fixtures';
import { authKeys } from '../../../lib/queries/auth';
import { CampaignsPage } from './campaigns-page';

const requests: URL[] = [];

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string) => {
    const parsed = new URL(url, 'http://console.test');
    requests.push(parsed);
    const state = parsed.searchParams.get('state');
    const items = [
      campaign({ id: 'k1', name: 'Firmware 2.1', approvedBy: 'ada' }),
      campaign({ id: 'k2', name: 'Wake floor 3', state: 'completed', bulk: true }),
    ].filter((c) => !state || c.state === state);
    return Promise.resolve(
      new Response(JSON.stringify({ items, nextCursor: null }), {
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  requests.length = 0;
});

function Search() {
  return <div data-testid="search">{useLocation().search}</div>;
}

function renderPage(role: Role, entry = '/campaigns') {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username: 'sam', role });
  renderWithProviders(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route
          path="/campaigns"
          element={
            <>
              <CampaignsPage />
              <Search />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
    queryClient,
  );
}

describe('CampaignsPage', () => {
  it('lists campaigns with their state, counters, creator and approver', async () => {
    renderPage('operator');
    const rows = await screen.findAllByTestId('campaign-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('link', { name: 'Firmware 2.1' }).getAttribute('href')).toBe('/campaigns/k1');
    expect(first.getByText('Running')).toBeTruthy();
    expect(first.getByTestId('count-failed').textContent).toBe('1 failed');
    expect(first.getByText('approved by ada')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New campaign' })).toBeTruthy();
  });

  it('filters by state through the URL and the API', async () => {
    renderPage('support', '/campaigns?state=completed');
    await waitFor(() => expect(screen.getAllByTestId('campaign-row')).toHaveLength(1));
    expect(requests.at(-1)?.searchParams.get('state')).toBe('completed');
    expect(screen.queryByRole('link', { name: 'New campaign' })).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('State'), '');
    await waitFor(() => expect(screen.getAllByTestId('campaign-row')).toHaveLength(2));
    expect(screen.getByTestId('search').textContent).toBe('');
    await userEvent.selectOptions(screen.getByLabelText('State'), 'running');
    await waitFor(() => expect(screen.getByTestId('search').textContent).toBe('?state=running'));
    await waitFor(() => expect(screen.getAllByTestId('campaign-row')).toHaveLength(1));
  });
});
