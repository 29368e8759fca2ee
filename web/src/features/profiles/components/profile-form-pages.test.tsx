// @vitest-environment jsdom
// The profile form: node rows added and removed, the browser's own check at each field, the API's
// VALIDATION_FAILED issues shown at the field they name, the body sent, and an edit that sends only
// what changed.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@dmc/shared/api';
import { authKeys } from '../../../lib/queries/auth';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { FUMO_URL, profile } from '../../../test/fixtures';
import { EditProfilePage, NewProfilePage } from './profile-form-pages';

type Sent = { method: string; url: string; body: unknown };
const sent: Sent[] = [];
let refuse: { path: string; message: string } | null = null;

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    sent.push({ method, url, body });
    if (url.startsWith('/api/v1/devices'))
      return Promise.resolve(Response.json({ items: [], nextCursor: null, total: 4 }));
    if (method === 'GET') return Promise.resolve(Response.json(profile()));
    if (refuse) {
      const issues = [refuse];
      return Promise.resolve(
        Response.json(
          { error: { code: 'VALIDATION_FAILED', message: 'Invalid input', details: { issues } } },
          { status: 400 },
        ),
      );
    }
    return Promise.resolve(
      Response.json(profile({ ...(body as object), id: 'p9' }), { status: method === 'POST' ? 201 : 200 }),
    );
  });
});
afterAll(() => vi.unstubAllGlobals());
afterEach(() => {
  cleanup();
  sent.length = 0;
  refuse = null;
});

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>;
}

function renderAt(path: string, role: Role = 'operator') {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username: 'op', role });
  renderWithProviders(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/profiles/new" element={<NewProfilePage />} />
        <Route path="/profiles/:id/edit" element={<EditProfilePage />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
    queryClient,
  );
}

/** Types `text` into the field labelled `label` at once (a paste), as a person pasting a ClientURI. */
async function fill(user: ReturnType<typeof userEvent.setup>, label: string, text: string) {
  await user.click(screen.getByLabelText(label));
  await user.paste(text);
}

const writes = () => sent.filter((s) => s.method !== 'GET');

describe('NewProfilePage', () => {
  it('checks each field in the browser, then shows the API’s refusal at the field it names', async () => {
    const user = userEvent.setup();
    renderAt('/profiles/new');
    await user.click(screen.getByRole('button', { name: 'Create profile' }));
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('form-problems').textContent).toContain('Name: must be at least 1 character');
    expect(screen.getByTestId('form-problems').textContent).toContain(
      'Node 1 ClientURI: must be at least 1 character',
    );
    expect(writes()).toHaveLength(0);

    await fill(user, 'Name', 'fw-url');
    await fill(user, 'Node 1 ClientURI', FUMO_URL);
    await fill(user, 'Node 1 value', 'http://fw.example/1.bin');
    await user.click(screen.getByRole('button', { name: 'Add node' }));
    await fill(user, 'Node 2 ClientURI', 'urn:oma:mo:oma-dm-devinfo:1.0//Lang');
    await fill(user, 'Node 2 value', 'fr');
    refuse = { path: 'nodes.1.uri', message: 'Not a leaf the device can hold' };
    await user.click(screen.getByRole('button', { name: 'Create profile' }));
    await waitFor(() =>
      expect(screen.getByTestId('form-error').textContent).toContain(
        'Node 2 ClientURI: not a leaf the device can hold',
      ),
    );
    expect(screen.getByTestId('form-error').textContent).toContain('VALIDATION_FAILED');
    expect(screen.getByLabelText('Node 2 ClientURI').getAttribute('aria-invalid')).toBe('true');

    refuse = null;
    await user.click(screen.getByRole('button', { name: 'Remove node 2' }));
    await user.click(screen.getByRole('button', { name: 'Create profile' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/profiles/p9'));
    expect(writes().at(-1)).toEqual({
      method: 'POST',
      url: '/api/v1/profiles',
      body: {
        name: 'fw-url',
        query: '',
        priority: 0,
        nodes: [{ uri: FUMO_URL, value: 'http://fw.example/1.bin' }],
        execs: [],
        enabled: true,
        driftRetries: 3,
      },
    });
  });

  it('is not offered to read-only roles', () => {
    renderAt('/profiles/new', 'support');
    expect(screen.queryByRole('button', { name: 'Create profile' })).toBeNull();
    expect(screen.getByText(/your role can follow them/)).toBeTruthy();
  });
});

describe('EditProfilePage', () => {
  it('sends only the fields that changed', async () => {
    const user = userEvent.setup();
    renderAt('/profiles/p1/edit');
    const priority = await screen.findByLabelText('Priority');
    await user.clear(priority);
    await user.type(priority, '50');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/profiles/p1'));
    expect(writes()).toEqual([{ method: 'PATCH', url: '/api/v1/profiles/p1', body: { priority: 50 } }]);
  });
});
