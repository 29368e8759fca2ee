// @vitest-environment jsdom
// The device page's Profiles tab: each profile that applies with the device's status, reason and
// per-node progress, linked to the profile; 'profile:device-state' from a real socket.io server
// moves it live without a request.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeviceProfiles } from '@dmc/shared/api';
import { useLiveUpdates } from '../../../hooks/use-live-updates';
import { SocketContext } from '../../../lib/socket-context';
import { renderWithProviders } from '../../../test/dom';
import { FUMO_URL, LATER, profileDeviceState } from '../../../test/fixtures';
import { startLiveServer, type LiveServer } from '../../../test/live-server';
import { DeviceProfilesTab } from './device-profiles-tab';

const asked: string[] = [];
let list: DeviceProfiles = { items: [] };
let live: LiveServer | undefined;

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    return Promise.resolve(Response.json(list));
  });
});
afterAll(() => vi.unstubAllGlobals());
afterEach(async () => {
  cleanup();
  asked.length = 0;
  await live?.close();
  live = undefined;
});

function Live() {
  useLiveUpdates();
  return null;
}

async function render() {
  live = await startLiveServer();
  renderWithProviders(
    <SocketContext value={live.client}>
      <MemoryRouter>
        <Live />
        <DeviceProfilesTab devId="d 1" />
      </MemoryRouter>
    </SocketContext>,
  );
  return live;
}

describe('DeviceProfilesTab', () => {
  it('lists each profile with the device’s status, reason and nodes, and follows it live', async () => {
    list = {
      items: [
        profileDeviceState({ devId: 'd 1' }),
        profileDeviceState({
          devId: 'd 1',
          profileId: 'p2',
          profileName: 'lang-fr',
          status: 'failed',
          reason: 'DevInfo/Lang allows only Get; writing it needs Replace',
          nodes: [
            {
              uri: 'urn:oma:mo:oma-dm-devinfo:1.0//Lang',
              state: 'failed',
              reason: 'DevInfo/Lang allows only Get; writing it needs Replace',
              sc: null,
              commandId: null,
              driftWrites: 0,
            },
          ],
        }),
      ],
    };
    const server = await render();
    const rows = await screen.findAllByTestId('device-profile-row');
    expect(asked).toEqual(['/api/v1/devices/d%201/profiles']);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('link', { name: 'fw-url' }).getAttribute('href')).toBe('/profiles/p1');
    expect(first.getByTestId('profile-status').textContent).toBe('pending');
    expect(first.getByTestId('device-profile-reason').textContent).toBe(
      "waiting for the device's next session",
    );
    const second = within(rows[1] as HTMLElement);
    expect(second.getByTestId('profile-status').textContent).toBe('failed');
    expect(second.getByTestId('node-reason').textContent).toBe(
      'DevInfo/Lang allows only Get; writing it needs Replace',
    );

    server.emit('profile:device-state', {
      profileState: profileDeviceState({
        devId: 'd 1',
        status: 'verified',
        reason: null,
        nodes: [
          { uri: FUMO_URL, state: 'verified', reason: null, sc: null, commandId: 'c9', driftWrites: 1 },
        ],
        updatedAt: LATER,
      }),
    });
    await waitFor(() => expect(first.getByTestId('profile-status').textContent).toBe('verified'));
    expect(first.queryByTestId('device-profile-reason')).toBeNull();
    expect(first.getByTestId('drift-writes').textContent).toBe('drift corrected ×1');
    expect(asked).toHaveLength(1);
  });

  it('says when no profile applies', async () => {
    list = { items: [] };
    await render();
    expect(await screen.findByText(/No profile applies to this device/)).toBeTruthy();
  });
});
