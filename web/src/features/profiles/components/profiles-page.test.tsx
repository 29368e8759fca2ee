// @vitest-environment jsdom
// Profiles: each row with its compliance bar, priority, enabled and conflicts; the counts move live
// through 'profile:counts' from a real socket.io server, a removed profile leaves the list; New
// profile only for those who may create one.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Profile, Role } from '@dmc/shared/api';
import { useLiveUpdates } from '../../../hooks/use-live-updates';
import { authKeys } from '../../../lib/queries/auth';
import { SocketContext } from '../../../lib/socket-context';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { profile } from '../../../test/fixtures';
import { startLiveServer, type LiveServer } from '../../../test/live-server';
import { ProfilesPage } from './profiles-page';

let items: Profile[] = [];
const requests: string[] = [];
let live: LiveServer;

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string) => {
    requests.push(url);
    return Promise.resolve(Response.json({ items }));
  });
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(async () => {
  live = await startLiveServer();
});
afterEach(async () => {
  cleanup();
  requests.length = 0;
  await live.close();
});

function Live() {
  useLiveUpdates();
  return null;
}

function renderPage(role: Role) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username: 'sam', role });
  renderWithProviders(
    <SocketContext value={live.client}>
      <MemoryRouter>
        <Live />
        <ProfilesPage />
      </MemoryRouter>
    </SocketContext>,
    queryClient,
  );
}

describe('ProfilesPage', () => {
  it('shows each profile’s compliance, priority, state and conflicts, and moves the counts live', async () => {
    items = [
      profile({
        id: 'p1',
        name: 'wifi-eu',
        priority: 20,
        conflicts: [{ uri: 'x', profileId: 'p2', profileName: 'wifi-test', wins: true }],
      }),
      profile({
        id: 'p2',
        name: 'wifi-test',
        priority: 5,
        enabled: false,
        counts: { verified: 0, pending: 0, failed: 0, conflicted: 3 },
      }),
    ];
    renderPage('operator');
    const rows = await screen.findAllByTestId('profile-row');
    expect(requests).toEqual(['/api/v1/profiles']);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('link', { name: 'wifi-eu' }).getAttribute('href')).toBe('/profiles/p1');
    expect(first.getByTestId('count-verified').textContent).toBe('7 verified');
    expect(first.getByTestId('count-pending').textContent).toBe('2 pending');
    expect(first.getByTestId('count-failed').textContent).toBe('1 failed');
    expect(first.getByTestId('profile-priority').textContent).toBe('20');
    expect(first.getByTestId('profile-conflicts').textContent).toBe('1 conflict');
    expect(first.getByTestId('profile-enabled').textContent).toBe('Enabled');
    const second = within(rows[1] as HTMLElement);
    expect(second.getByTestId('count-conflicted').textContent).toBe('3 conflicted');
    expect(second.getByTestId('profile-enabled').textContent).toBe('Disabled');
    expect(screen.getByRole('link', { name: 'New profile' })).toBeTruthy();

    live.emit('profile:counts', { id: 'p1', counts: { verified: 10, pending: 0, failed: 0, conflicted: 0 } });
    await waitFor(() => expect(first.getByTestId('count-verified').textContent).toBe('10 verified'));
    expect(first.getByTestId('count-pending').textContent).toBe('0 pending');
    // Patched in place: no request for the new counts.
    expect(requests).toHaveLength(1);

    items = [items[0] as Profile];
    live.emit('profile:changed', { id: 'p2', removed: true });
    await waitFor(() => expect(screen.getAllByTestId('profile-row')).toHaveLength(1));
  });

  it('gives read-only roles the list without New profile', async () => {
    items = [profile()];
    renderPage('support');
    await screen.findAllByTestId('profile-row');
    expect(screen.queryByRole('link', { name: 'New profile' })).toBeNull();
  });
});
