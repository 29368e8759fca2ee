// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RefusalList } from '@dmc/shared/api';
import { useLiveUpdates } from '../../../hooks/use-live-updates';
import { refusalKeys } from '../../../lib/queries/refusals';
import { SocketContext } from '../../../lib/socket-context';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { AT, LATER, refusal } from '../../../test/fixtures';
import { startLiveServer, type LiveServer } from '../../../test/live-server';
import { RefusedContactsPanel } from './refused-contacts-panel';

const DEV = 'd-refused';

let live: LiveServer;
beforeEach(async () => {
  live = await startLiveServer();
});
afterEach(async () => {
  cleanup();
  await live.close();
});

function LiveUpdates({ children }: { children: ReactNode }) {
  useLiveUpdates();
  return children;
}

function renderPanel(list: RefusalList) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData<RefusalList>(refusalKeys.device(DEV), list);
  return renderWithProviders(
    <SocketContext value={live.client}>
      <LiveUpdates>
        <RefusedContactsPanel devId={DEV} />
      </LiveUpdates>
    </SocketContext>,
    queryClient,
  );
}

const rowTexts = () => screen.getAllByTestId('refusal-row').map((row) => row.textContent ?? '');

describe('RefusedContactsPanel', () => {
  it('lists each refused contact with its time, status and reason, newest first', () => {
    renderPanel({
      items: [
        refusal({
          id: 'r2',
          at: LATER,
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          reason: 'Content-Type must be application/vnd.oma.dm.initiation+json.',
          suppressed: 3,
        }),
        refusal({ id: 'r1', at: AT }),
      ],
    });
    const panel = screen.getByRole('region', { name: 'Refused contacts' });
    expect(within(panel).getByRole('columnheader', { name: 'Time' })).toBeTruthy();
    const [first, second] = rowTexts();
    expect(first).toContain('415');
    expect(first).toContain('Content-Type must be application/vnd.oma.dm.initiation+json.');
    expect(first).toContain('3 more like it not listed');
    expect(second).toContain('401');
    expect(second).toContain('Authentication failed: wrong password.');
    expect(second).toContain('P1 at /dm');
    const times = within(panel).getAllByRole('time');
    expect(times.map((t) => t.getAttribute('datetime'))).toEqual([LATER, AT]);
  });

  it('shows nothing for a device never refused', () => {
    renderPanel({ items: [] });
    expect(screen.queryByRole('region', { name: 'Refused contacts' })).toBeNull();
  });

  it('adds a refusal that arrives live, on top, once', async () => {
    renderPanel({ items: [refusal({ id: 'r1' })] });
    const arrived = refusal({
      id: 'r2',
      at: LATER,
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      reason: 'Too large.',
    });
    live.emit('device:refused', { devId: DEV, refusal: arrived });
    live.emit('device:refused', { devId: DEV, refusal: arrived });
    live.emit('device:refused', { devId: 'another-device', refusal: refusal({ id: 'r3' }) });
    // Events arrive in order: once this one shows, the ones before it were applied.
    live.emit('device:refused', { devId: DEV, refusal: refusal({ id: 'r4', at: LATER, reason: 'Marker.' }) });
    await waitFor(() => expect(rowTexts()[0]).toContain('Marker.'));
    expect(rowTexts()).toHaveLength(3);
    expect(rowTexts().filter((text) => text.includes('Too large.'))).toHaveLength(1);
  });

  it('appears when the first refusal of a device arrives live', async () => {
    renderPanel({ items: [] });
    live.emit('device:refused', {
      devId: DEV,
      refusal: refusal({ id: 'r9', reason: 'Authentication failed: wrong response.' }),
    });
    expect(await screen.findByRole('region', { name: 'Refused contacts' })).toBeTruthy();
    expect(rowTexts()[0]).toContain('wrong response');
  });
});
