// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { InspectedSession, SessionList } from '@dmc/shared/api';
import { deviceSessionPageQueryOptions, inspectedSessionQueryOptions } from '../../../lib/queries/sessions';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { DeviceSessionsTab } from './device-sessions-tab';

const DEV = 'd-sessions';
const LIST: SessionList = {
  items: [
    {
      id: 's2',
      status: 'completed',
      startedAt: '2026-01-02T03:05:00.000Z',
      endedAt: '2026-01-02T03:05:02.500Z',
      durationMs: 2500,
      packageCount: 6,
      commandCount: 3,
    },
    {
      id: 'r1',
      status: 'refused',
      startedAt: '2026-01-02T03:04:00.000Z',
      endedAt: '2026-01-02T03:04:00.000Z',
      durationMs: 0,
      packageCount: 0,
      commandCount: 0,
      reason: '401 UNAUTHENTICATED: Authentication failed.',
    },
  ],
};
const SESSION: InspectedSession = {
  id: 's2',
  devId: DEV,
  startedAt: LIST.items[0]!.startedAt,
  endedAt: LIST.items[0]!.endedAt,
  state: 'completed',
  packages: [],
};

afterEach(cleanup);

function Where() {
  return <output data-testid="where">{useLocation().search}</output>;
}

function renderTab() {
  const queryClient = createTestQueryClient();
  // The cached data stays fresh: no request races the test (there is no server).
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  queryClient.setQueryData(deviceSessionPageQueryOptions(DEV, undefined).queryKey, LIST);
  queryClient.setQueryData(inspectedSessionQueryOptions(DEV, 's2').queryKey, SESSION);
  renderWithProviders(
    <MemoryRouter initialEntries={['/devices/d?tab=sessions']}>
      <Routes>
        <Route
          path="/devices/:devId"
          element={
            <>
              <DeviceSessionsTab devId={DEV} />
              <Where />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
    queryClient,
  );
}

describe('DeviceSessionsTab', () => {
  it('lists sessions and refused contacts with duration, result and commands; one opens in the inspector', () => {
    renderTab();
    const rows = within(screen.getByRole('table', { name: 'Sessions' })).getAllByTestId('session-row');
    expect(rows.map((r) => r.dataset.status)).toEqual(['completed', 'refused']);
    expect(rows[0]!.textContent).toContain('2.5 s');
    expect(rows[0]!.textContent).toContain('completed');
    expect(rows[1]!.textContent).toContain('401 UNAUTHENTICATED: Authentication failed.');
    fireEvent.click(within(rows[0]!).getByRole('button', { name: /^Open the session of/ }));
    expect(screen.getByTestId('where').textContent).toBe('?tab=sessions&session=s2');
    expect(screen.getByRole('heading', { name: /^Session of/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to sessions' }));
    expect(screen.getByTestId('where').textContent).toBe('?tab=sessions');
    expect(screen.getByRole('table', { name: 'Sessions' })).toBeTruthy();
  });
});
