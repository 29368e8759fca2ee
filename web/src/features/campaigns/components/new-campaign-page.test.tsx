// @vitest-environment jsdom
// New campaign: the wave inputs reach the body, the impact preview of exactly the inputs shown
// (counts per verdict, reasons, sample devices), create only after a preview, then the campaign opens.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { campaignPreview } from '../../../test/fixtures';
import { authKeys } from '../../../lib/queries/auth';
import { useCampaignHandoverStore } from '../stores/handover-store';
import { NewCampaignPage } from './new-campaign-page';

const FWV = 'urn:oma:mo:oma-dm-devinfo:1.0//FwV';
const posts: { url: string; body: Record<string, unknown> }[] = [];
const OLD_FIRMWARE = {
  id: 'v1',
  name: 'Old firmware',
  query: 'FwV < "1.10"',
  sort: null,
  order: null,
  columns: null,
  createdBy: 'olivia',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    if (url === '/api/v1/views') return Promise.resolve(json({ items: [OLD_FIRMWARE] }));
    if (url.startsWith('/api/v1/devices?'))
      return Promise.resolve(json({ items: [], nextCursor: null, total: 42 }));
    if (init?.method !== 'POST') return Promise.resolve(json({ items: [] }));
    posts.push({ url, body: JSON.parse(init.body as string) as Record<string, unknown> });
    if (url === '/api/v1/campaigns/preview') return Promise.resolve(json(campaignPreview()));
    return Promise.resolve(json({ id: 'k9', state: 'running' }, 201));
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

function renderPage(entry = '/campaigns/new?query=Mod%20%3D%20%22Sim-1%22') {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username: 'olivia', role: 'operator' });
  renderWithProviders(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route path="/campaigns/new" element={<NewCampaignPage />} />
        <Route path="/campaigns/:id" element={<Opened />} />
      </Routes>
    </MemoryRouter>,
    queryClient,
  );
}

async function fillCommand() {
  await userEvent.type(screen.getByLabelText('Name'), 'Read versions');
  // Pasted: typed key by key, a long URI re-renders the whole form once per character.
  await userEvent.click(screen.getByLabelText('ClientURI'));
  await userEvent.paste(FWV);
}

describe('NewCampaignPage', () => {
  it('previews the query and action, shows counts, reasons and samples, then creates with the waves typed', async () => {
    renderPage();
    await fillCommand();
    await userEvent.click(screen.getByRole('radio', { name: 'Cumulative percentages' }));
    await userEvent.clear(screen.getByLabelText('Canary devices'));
    await userEvent.type(screen.getByLabelText('Canary devices'), '5');
    await userEvent.clear(screen.getByLabelText('Percentages'));
    await userEvent.type(screen.getByLabelText('Percentages'), '10, 40, 100');
    await userEvent.clear(screen.getByLabelText('Error threshold (%)'));
    await userEvent.type(screen.getByLabelText('Error threshold (%)'), '2.5');
    expect(screen.getByRole('button', { name: 'Create and start' })).toHaveProperty('disabled', true);

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = within(await screen.findByRole('region', { name: 'Impact preview' }));
    expect(posts[0]).toEqual({
      url: '/api/v1/campaigns/preview',
      body: { query: 'Mod = "Sim-1"', action: { kind: 'command', command: ['GET', FWV] } },
    });
    expect(preview.getByLabelText('Matched: 120')).toBeTruthy();
    expect(preview.getByLabelText('Would run: 100')).toBeTruthy();
    expect(preview.getByLabelText('Already compliant: 10')).toBeTruthy();
    expect(preview.getByLabelText('Incompatible: 7')).toBeTruthy();
    expect(preview.getByLabelText('Would fail: 3')).toBeTruthy();
    const reasons = preview.getAllByTestId('preview-reason').map((r) => r.textContent);
    expect(reasons).toEqual([
      "IncompatibleMod Sim-2 is not in the artifact's list7",
      'Would failno node at ./FUMO/13',
    ]);
    const failing = within(preview.getByTestId('preview-sample-would-fail'));
    expect(failing.getByRole('link', { name: 'd9' }).getAttribute('href')).toBe('/devices/d9');

    await userEvent.click(screen.getByRole('button', { name: 'Create and start' }));
    await waitFor(() => expect(screen.getByTestId('opened').textContent).toBe('k9'));
    expect(posts[1]).toEqual({
      url: '/api/v1/campaigns',
      body: {
        name: 'Read versions',
        query: 'Mod = "Sim-1"',
        action: { kind: 'command', command: ['GET', FWV] },
        waves: { canary: 5, percentages: [10, 40, 100] },
        errorThresholdPct: 2.5,
        dynamic: false,
        start: true,
      },
    });
  });

  it('asks for a new preview when the action changes after one', async () => {
    renderPage();
    await fillCommand();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('region', { name: 'Impact preview' });
    expect(screen.getByRole('button', { name: 'Create draft' })).toHaveProperty('disabled', false);
    await userEvent.type(screen.getByLabelText('ClientURI'), '2');
    expect(screen.queryByRole('region', { name: 'Impact preview' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Create draft' })).toHaveProperty('disabled', true);
  });

  it('targets the devices handed over from the Devices page, with the health gate and approval', async () => {
    useCampaignHandoverStore.getState().handOver(['d1', 'd2']);
    renderPage('/campaigns/new?from=selection');
    await fillCommand();
    await userEvent.click(screen.getByLabelText(/Health gate/));
    await userEvent.clear(screen.getByLabelText('Window (seconds)'));
    await userEvent.type(screen.getByLabelText('Window (seconds)'), '120');
    await userEvent.click(screen.getByLabelText(/second admin's approval/));
    expect(screen.queryByLabelText(/Dynamic/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('region', { name: 'Impact preview' });
    expect(posts[0]?.body).toMatchObject({ devIds: ['d1', 'd2'] });
    await userEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[1]?.body).toMatchObject({
      devIds: ['d1', 'd2'],
      waves: { canary: 0, size: 100 },
      healthGate: { windowS: 120, maxAlertRatio: 1, minAlerts: 0 },
      approval: true,
      start: false,
    });
  });

  it('targets a saved view: shows its query and live count, previews and creates with viewId', async () => {
    renderPage('/campaigns/new');
    await fillCommand();
    await userEvent.click(screen.getByRole('radio', { name: 'Saved view' }));
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('Choose a saved view.')).toBeTruthy();
    expect(posts).toEqual([]);

    await userEvent.click(screen.getByPlaceholderText('Choose a view'));
    await userEvent.click(await screen.findByRole('option', { name: 'Old firmware', hidden: true }));
    expect(screen.getByTestId('view-target').textContent).toContain('FwV < "1.10"');
    await waitFor(() =>
      expect(screen.getByTestId('view-match-count').textContent).toBe('42 devices match now'),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('region', { name: 'Impact preview' });
    expect(posts[0]).toEqual({
      url: '/api/v1/campaigns/preview',
      body: { viewId: 'v1', action: { kind: 'command', command: ['GET', FWV] } },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create and start' }));
    await waitFor(() => expect(screen.getByTestId('opened').textContent).toBe('k9'));
    expect(posts[1]?.body).toMatchObject({ viewId: 'v1', start: true });
    expect(posts[1]?.body).not.toHaveProperty('query');
  });

  it('points at the wrong input instead of previewing', async () => {
    renderPage();
    await userEvent.type(screen.getByLabelText('Name'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('Enter a ClientURI.')).toBeTruthy();
    expect(posts).toEqual([]);
  });
});
