// @vitest-environment jsdom
// The Devices page's bulk bar: the body of POST /devices/bulk for picked rows ({ devIds }) and for
// every device the query matches ({ query }), and the campaign opened afterwards.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../../test/dom';
import type { BulkTarget } from '../../lib/bulk';
import { BulkActionBar } from './bulk-action-bar';

const posts: { url: string; body: unknown }[] = [];

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    if (init?.method === 'POST') posts.push({ url, body: JSON.parse(init.body as string) });
    const body = init?.method === 'POST' ? { id: 'b1', state: 'running' } : { items: [] };
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status: init?.method === 'POST' ? 201 : 200,
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
  posts.length = 0;
});

function Opened() {
  return <div data-testid="opened">{useParams().id}</div>;
}

function renderBar(target: BulkTarget, count: number, onClear = vi.fn()) {
  renderWithProviders(
    <MemoryRouter initialEntries={['/devices']}>
      <Routes>
        <Route path="/devices" element={<BulkActionBar target={target} count={count} onClear={onClear} />} />
        <Route path="/campaigns/:id" element={<Opened />} />
      </Routes>
    </MemoryRouter>,
  );
  return onClear;
}

const bar = () => within(screen.getByRole('toolbar', { name: 'Bulk actions' }));

describe('BulkActionBar', () => {
  it('wakes the picked devices by DevID, clears the selection and opens the campaign', async () => {
    const onClear = renderBar({ devIds: ['d1', 'd2'] }, 2);
    expect(screen.getByTestId('bulk-count').textContent).toBe('2 devices selected');
    await userEvent.click(bar().getByRole('button', { name: 'Wake now' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Wake 2 devices' }),
    );
    await waitFor(() => expect(screen.getByTestId('opened').textContent).toBe('b1'));
    expect(posts).toEqual([
      { url: '/api/v1/devices/bulk', body: { devIds: ['d1', 'd2'], action: { kind: 'wake' } } },
    ]);
    expect(onClear).toHaveBeenCalled();
  });

  it('changes the labels of every device the query matches, by the query', async () => {
    renderBar({ query: 'Mod = "Sim-1"' }, 4000);
    expect(screen.getByTestId('bulk-count').textContent).toBe('All 4,000 devices that match the query');
    await userEvent.click(bar().getByRole('button', { name: 'Labels' }));
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.type(dialog.getByLabelText('Add labels'), 'pilot, floor-3 pilot');
    await userEvent.type(dialog.getByLabelText('Remove labels'), 'old');
    await userEvent.click(
      dialog.getByRole('button', { name: 'Change labels of all 4,000 matching devices' }),
    );
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]?.body).toEqual({
      query: 'Mod = "Sim-1"',
      action: { kind: 'labels', add: ['pilot', 'floor-3'], remove: ['old'] },
    });
  });

  it('queues a composed command on the picked devices', async () => {
    renderBar({ devIds: ['d3'] }, 1);
    await userEvent.click(bar().getByRole('button', { name: 'Queue command' }));
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(dialog.getByLabelText('ClientURI'));
    await userEvent.paste('urn:oma:mo:oma-dm-devinfo:1.0//FwV');
    await userEvent.click(dialog.getByRole('button', { name: 'Queue on 1 device' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]?.body).toEqual({
      devIds: ['d3'],
      action: { kind: 'command', command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//FwV'] },
    });
  });

  it('sends nothing for a label that is not one, and says why', async () => {
    renderBar({ devIds: ['d1'] }, 1);
    await userEvent.click(bar().getByRole('button', { name: 'Labels' }));
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.type(dialog.getByLabelText('Add labels'), 'ok bad!label');
    await userEvent.click(dialog.getByRole('button', { name: 'Change labels of 1 device' }));
    expect(await dialog.findByText(/“bad!label” is not a label/)).toBeTruthy();
    expect(posts).toEqual([]);
  });
});
