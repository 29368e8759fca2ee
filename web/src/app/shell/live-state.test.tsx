// @vitest-environment jsdom
// Honest live state (issue 15): the banner and the disabled actions while the server is lost, the
// DevID suggestions, and a fleet query with an error that no longer leaves the old list standing.
import { createTestQueryClient, renderWithProviders } from '../../test/dom';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '@dmc/shared/api';
import { apiRequest } from '../../lib/api-client';
import { authKeys } from '../../lib/queries/auth';
import { useAppStore } from '../../stores/app-store';
import { device } from '../../test/fixtures';
import { WakeNowButton } from '../../features/commands/components/wake-now-button';
import { DevicesPage } from '../../features/devices/components/devices-page';
import { ConnectionBanner } from './connection-banner';
import { DevIdJump } from './dev-id-jump';
import { z } from 'zod';

/** The console API in-process: the device list filtered by `q`, and a switch for "no server". */
const FLEET: Device[] = ['demo-0001', 'demo-0002', 'demo-0013', 'lab-7'].map((devId) => device({ devId }));
const requests: string[] = [];
let isServerDown = false;

function answer(url: string): Response {
  requests.push(url);
  const { pathname, searchParams } = new URL(url, 'http://console.test');
  if (pathname === '/api/v1/devices') {
    const q = (searchParams.get('q') ?? '').toLowerCase();
    const limit = Number(searchParams.get('limit') ?? 50);
    const matching = FLEET.filter((d) => d.devId.toLowerCase().includes(q));
    return Response.json({ items: matching.slice(0, limit), nextCursor: null, total: matching.length });
  }
  return Response.json({ status: 'ok' });
}

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string) =>
    isServerDown ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(answer(url)),
  );
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  isServerDown = false;
  requests.length = 0;
  useAppStore.setState({ connection: 'live', isApiUnreachable: false });
});
afterEach(cleanup);

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function renderAt(path: string, ui: React.ReactNode) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username: 'op', role: 'operator' });
  return renderWithProviders(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="*" element={ui} />
      </Routes>
      <Where />
    </MemoryRouter>,
    queryClient,
  );
}

describe('while the server is lost', () => {
  it('says so in a banner and disables actions, and both recover when the socket is back', async () => {
    renderAt(
      '/',
      <>
        <ConnectionBanner />
        <WakeNowButton devId="demo-0001" />
      </>,
    );
    const wake = screen.getByRole('button', { name: 'Wake now' });
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    expect(wake).toHaveProperty('disabled', false);

    useAppStore.getState().setConnection('reconnecting');
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Connection to the server lost — reconnecting…');
    expect(banner.textContent).toContain('Actions are disabled until it is back');
    expect(screen.getByRole('button', { name: 'Wake now' })).toHaveProperty('disabled', true);

    useAppStore.getState().setConnection('live');
    await waitFor(() => expect(screen.queryByTestId('connection-banner')).toBeNull());
    expect(screen.getByRole('button', { name: 'Wake now' })).toHaveProperty('disabled', false);
  });

  it('counts an API that does not answer as lost, until a request gets an answer again', async () => {
    renderAt('/', <ConnectionBanner />);
    isServerDown = true;
    await expect(apiRequest('/api/v1/devices', z.unknown())).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(useAppStore.getState().isApiUnreachable).toBe(true);
    expect((await screen.findByTestId('connection-banner')).textContent).toContain('reconnecting');

    isServerDown = false;
    await apiRequest('/api/v1/devices', z.unknown());
    expect(useAppStore.getState().isApiUnreachable).toBe(false);
    await waitFor(() => expect(screen.queryByTestId('connection-banner')).toBeNull());
  });
});

describe('Go to DevID', () => {
  it('suggests matching devices as one types, chosen with the keyboard', async () => {
    const user = userEvent.setup();
    renderAt('/', <DevIdJump />);
    const box = screen.getByRole('combobox', { name: 'Go to device' });
    await user.type(box, 'demo-00');
    // Mantine's dropdown has no layout in jsdom: its options count as hidden here (the browser test
    // sees them shown).
    const list = await screen.findByRole('listbox', { name: 'Matching devices', hidden: true });
    await waitFor(() => expect(list.querySelectorAll('[role="option"]')).toHaveLength(3));
    expect(screen.getByRole('option', { name: 'demo-0013', hidden: true })).toBeTruthy();
    expect(screen.queryByRole('option', { name: 'lab-7', hidden: true })).toBeNull();
    // Debounced: the server was asked for what was typed once typing paused, not for every letter.
    const asked = requests.filter((u) => u.startsWith('/api/v1/devices?'));
    expect(asked.at(-1)).toContain('q=demo-00');
    expect(asked.length).toBeLessThan('demo-00'.length);

    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/devices/demo-0002'));
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('opens what was typed on Enter when no suggestion is chosen', async () => {
    const user = userEvent.setup();
    renderAt('/', <DevIdJump />);
    await user.type(screen.getByRole('combobox', { name: 'Go to device' }), 'IMEI:35{Enter}');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/devices/IMEI%3A35'));
  });
});

describe('a fleet query with an error', () => {
  it('clears the count and shows the error instead of the old list', async () => {
    const user = userEvent.setup();
    renderAt('/devices', <DevicesPage />);
    expect((await screen.findByTestId('device-total')).textContent).toBe('4 devices');
    expect(screen.getByRole('table', { name: 'Devices' })).toBeTruthy();

    await user.type(screen.getByRole('combobox', { name: 'Fleet query' }), 'FwV < ');
    await user.keyboard('{Escape}{Enter}');
    expect((await screen.findByTestId('query-invalid')).textContent).toMatch(/No devices are listed/);
    expect(screen.queryByTestId('device-total')).toBeNull();
    expect(screen.queryByRole('table', { name: 'Devices' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Clear query' }));
    expect((await screen.findByTestId('device-total')).textContent).toBe('4 devices');
    expect(screen.queryByTestId('query-invalid')).toBeNull();
  });
});
