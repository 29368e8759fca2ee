// @vitest-environment jsdom
// The Devices page's Views menu: picking a view hands it to the page, "Save view…" saves the page's
// current query, sort and columns under a name, and only a view's creator (or an admin) gets
// rename and delete.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role, SavedView } from '@dmc/shared/api';
import { createTestQueryClient, renderWithProviders } from '../../../../test/dom';
import { authKeys } from '../../../../lib/queries/auth';
import { ViewsMenu } from './views-menu';

const AT = '2026-12-01T10:00:00.000Z';
const view = (id: string, name: string, createdBy: string, query = ''): SavedView => ({
  id,
  name,
  query,
  sort: null,
  order: null,
  columns: null,
  createdBy,
  createdAt: AT,
  updatedAt: AT,
});
const VIEWS = [
  view('v1', "Admin's lab", 'admin', 'label = "lab"'),
  view('v2', 'Mine', 'olivia', 'online = true'),
];
const calls: { method: string; url: string; body?: unknown }[] = [];

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ method, url, ...(init?.body ? { body: JSON.parse(init.body as string) as unknown } : {}) });
    if (method === 'GET') return Promise.resolve(json({ items: VIEWS }));
    if (method === 'DELETE') return Promise.resolve(new Response(null, { status: 204 }));
    const body = JSON.parse(init?.body as string) as { name: string };
    return Promise.resolve(json({ ...view('v9', body.name, 'olivia'), ...body }, 201));
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  calls.length = 0;
});

const CURRENT = {
  query: 'Mod = "Sim-1"',
  sort: 'lastSeenAt',
  order: 'desc',
  columns: ['devId', 'firmware'],
} as const;

function renderMenu(role: Role = 'operator', username = 'olivia') {
  const onApply = vi.fn();
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username, role });
  renderWithProviders(
    <ViewsMenu current={{ ...CURRENT, columns: [...CURRENT.columns] }} onApply={onApply} />,
    queryClient,
  );
  return onApply;
}

describe('ViewsMenu', () => {
  it('lists the saved views and applies the one picked', async () => {
    const onApply = renderMenu();
    await userEvent.click(screen.getByRole('button', { name: 'Views' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Mine' }));
    expect(onApply).toHaveBeenCalledWith(VIEWS[1]);
  });

  it("saves the page's query, sort and columns under the name typed", async () => {
    renderMenu();
    await userEvent.click(screen.getByRole('button', { name: 'Views' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Save view…' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Save view' }));
    expect(dialog.getByTestId('save-view-query').textContent).toBe('Mod = "Sim-1"');
    await userEvent.click(dialog.getByRole('button', { name: 'Save view' }));
    expect(dialog.getByText('Give the view a name.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await userEvent.type(dialog.getByRole('textbox', { name: 'View name' }), '  Sim-1 by contact ');
    await userEvent.click(dialog.getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      url: '/api/v1/views',
      body: { ...CURRENT, name: 'Sim-1 by contact' },
    });
  });

  it('offers rename and delete only on views the user may change', async () => {
    renderMenu();
    await userEvent.click(screen.getByRole('button', { name: 'Views' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Manage views…' }));
    await screen.findByRole('dialog', { name: 'Saved views' });
    expect(screen.queryByRole('button', { name: "Rename view Admin's lab" })).toBeNull();
    expect(screen.queryByRole('button', { name: "Delete view Admin's lab" })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Rename view Mine' }));
    const box = screen.getByRole('textbox', { name: 'New name for Mine' });
    await userEvent.clear(box);
    await userEvent.type(box, 'Online ones');
    await userEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')).toEqual({
        method: 'PATCH',
        url: '/api/v1/views/v2',
        body: { name: 'Online ones' },
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Delete view Mine' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/v1/views/v2')).toBe(true),
    );
  });

  it('lets an admin change every view', async () => {
    renderMenu('admin', 'admin');
    await userEvent.click(screen.getByRole('button', { name: 'Views' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Manage views…' }));
    expect(await screen.findByRole('button', { name: "Delete view Admin's lab" })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rename view Mine' })).toBeTruthy();
  });
});
