// @vitest-environment jsdom
// A profile's page: its query and nodes, conflicts naming the other profile and who wins, devices
// by state with their reasons and "Load more", the campaign from the failed devices, delete with a
// confirmation; read-only roles get no control that changes things.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@dmc/shared/api';
import { authKeys } from '../../../lib/queries/auth';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { profile, profileDeviceState } from '../../../test/fixtures';
import { ProfileDetailPage } from './profile-detail-page';

const sent: { method: string; url: URL }[] = [];

const PROFILE = profile({
  name: 'fw "eu"',
  conflicts: [
    {
      uri: 'urn:oma:mo:oma-fumo:1.0/fw/Download/PkgURL',
      profileId: 'p2',
      profileName: 'fw-lab',
      wins: false,
    },
  ],
});

beforeAll(() => {
  vi.stubGlobal('fetch', (raw: string, init: RequestInit = {}) => {
    const url = new URL(raw, 'http://console.test');
    const method = init.method ?? 'GET';
    sent.push({ method, url });
    if (method === 'DELETE') return Promise.resolve(new Response(null, { status: 204 }));
    if (url.pathname.endsWith('/status')) {
      const after = url.searchParams.get('after');
      const status = url.searchParams.get('status');
      const devices = after
        ? [profileDeviceState({ devId: 'd3', status: 'failed', reason: 'status 405: Command not allowed' })]
        : [
            profileDeviceState({ devId: 'd1' }),
            profileDeviceState({ devId: 'd2', status: 'failed', reason: 'drift-retries' }),
          ].filter((d) => status === null || d.status === status);
      return Promise.resolve(
        Response.json({ ...PROFILE.counts, devices, next: after || status ? null : 'd2' }),
      );
    }
    return Promise.resolve(Response.json(PROFILE));
  });
});
afterAll(() => vi.unstubAllGlobals());
afterEach(() => {
  cleanup();
  sent.length = 0;
});

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{pathname + search}</output>;
}

function renderAt(role: Role, path = '/profiles/p1') {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username: 'op', role });
  renderWithProviders(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/profiles/:id" element={<ProfileDetailPage />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
    queryClient,
  );
}

describe('ProfileDetailPage', () => {
  it('shows query, nodes, conflicts and the devices by state, with Load more', async () => {
    const user = userEvent.setup();
    renderAt('operator');
    expect((await screen.findByTestId('profile-query')).textContent).toBe('Mod = "Sim-1"');
    expect(screen.getAllByTestId('profile-node')).toHaveLength(1);
    const conflict = within(screen.getByTestId('profile-conflict'));
    expect(conflict.getByRole('link', { name: 'fw-lab' }).getAttribute('href')).toBe('/profiles/p2');
    expect(conflict.getByText('the other wins')).toBeTruthy();

    await waitFor(() => expect(screen.getAllByTestId('profile-device-row')).toHaveLength(2));
    const failed = within(screen.getAllByTestId('profile-device-row')[1] as HTMLElement);
    expect(failed.getByTestId('profile-device-reason').textContent).toBe('drift-retries');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('profile-device-row')).toHaveLength(3));
    expect(sent.at(-1)?.url.searchParams.get('after')).toBe('d2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.click(screen.getByRole('tab', { name: 'failed (1)' }));
    await waitFor(() => expect(screen.getAllByTestId('profile-device-row')).toHaveLength(1));
    expect(sent.at(-1)?.url.searchParams.get('status')).toBe('failed');
  });

  it('opens the campaign form with the failed devices’ query', async () => {
    renderAt('operator');
    const link = await screen.findByRole('link', { name: 'Start campaign from failed devices' });
    const target = new URL(link.getAttribute('href') ?? '', 'http://console.test');
    expect(target.pathname).toBe('/campaigns/new');
    expect(target.searchParams.get('query')).toBe('profile "fw \\"eu\\"" = failed');
  });

  it('deletes only after the confirmation', async () => {
    const user = userEvent.setup();
    renderAt('admin');
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(sent.some((s) => s.method === 'DELETE')).toBe(false);
    await user.click(await screen.findByRole('button', { name: 'Delete profile' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/profiles'));
    expect(sent.filter((s) => s.method === 'DELETE').map((s) => s.url.pathname)).toEqual([
      '/api/v1/profiles/p1',
    ]);
  });

  it('gives read-only roles everything but the controls that change things', async () => {
    renderAt('support');
    await screen.findByTestId('profile-query');
    await waitFor(() => expect(screen.getAllByTestId('profile-device-row')).toHaveLength(2));
    for (const name of ['Disable', 'Edit', 'Delete', 'Start campaign from failed devices']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
      expect(screen.queryByRole('link', { name })).toBeNull();
    }
  });
});
