// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InspectedSession } from '@dmc/shared/api';
import { inspectedSessionQueryOptions } from '../../../lib/queries/sessions';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { SessionInspector } from './session-inspector';

const DEV = 'd-inspect';
const AT = '2026-01-02T03:04:05.000Z';
const SESSION: InspectedSession = {
  id: 's1',
  devId: DEV,
  startedAt: AT,
  endedAt: '2026-01-02T03:04:06.500Z',
  state: 'completed',
  packages: [
    {
      seq: 1,
      kind: 'P1',
      at: AT,
      status: 200,
      durationMs: 12,
      commandId: null,
      body: { Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] },
      truncated: false,
      explained: [{ at: AT, text: 'The device opens the session on its own (client-initiated).' }],
    },
    {
      seq: 2,
      kind: 'P2',
      at: AT,
      status: 200,
      durationMs: 12,
      commandId: null,
      body: { CMD: [['CONT', 'http://h/dm/s/<redacted>'], ['END']] },
      truncated: false,
      explained: [{ at: AT, text: 'The session ends here.' }],
    },
  ],
};

afterEach(cleanup);

function renderInspector(onBack = vi.fn()) {
  const queryClient = createTestQueryClient();
  // The session is in the cache and stays fresh: no request races the test (there is no server).
  queryClient.setQueryDefaults(inspectedSessionQueryOptions(DEV, 's1').queryKey, { staleTime: Infinity });
  queryClient.setQueryData(inspectedSessionQueryOptions(DEV, 's1').queryKey, SESSION);
  renderWithProviders(
    <MemoryRouter>
      <SessionInspector devId={DEV} sessionId="s1" onBack={onBack} />
    </MemoryRouter>,
    queryClient,
  );
  return onBack;
}

describe('SessionInspector', () => {
  it('shows each package as a bubble from its side, explained, with its JSON and redacted values marked', async () => {
    const user = userEvent.setup();
    renderInspector();
    const log = screen.getByRole('log', { name: 'Packages of the session' });
    const p1 = within(log).getByRole('article', { name: 'P1 #1: Device opens the session' });
    const p2 = within(log).getByRole('article', { name: 'P2 #2: Server sends commands' });
    expect(within(p1).getByRole('list', { name: 'What P1 #1 says' }).textContent).toContain(
      'client-initiated',
    );
    expect(p1.className).not.toBe(p2.className);
    await user.click(within(p2).getByText('JSON of P2 #2'));
    const marks = p2.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['<redacted>']);
    expect(p2.querySelector('pre')?.textContent).toBe(JSON.stringify(SESSION.packages[1]!.body, null, 2));
    // One click to the tree as it was just before the session began.
    expect(screen.getByRole('link', { name: 'Tree before this session' }).getAttribute('href')).toBe(
      `/?tab=tree&at=${encodeURIComponent('2026-01-02T03:04:04.999Z')}`,
    );
  });

  it('copies the whole session as JSON and goes back', async () => {
    const onBack = renderInspector();
    // user-event puts a clipboard of its own in place of the browser's.
    const user = userEvent.setup();
    fireEvent.click(screen.getByRole('button', { name: 'Copy as JSON' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(JSON.parse(await navigator.clipboard.readText())).toEqual(SESSION);
    await user.click(screen.getByRole('button', { name: 'Back to sessions' }));
    expect(onBack).toHaveBeenCalledOnce();
  });
});
