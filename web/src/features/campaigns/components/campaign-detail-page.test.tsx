// @vitest-environment jsdom
// Campaign detail: why it paused, waves with the gate's reason, failures grouped by reason, the
// per-device table filtered by state and paged by cursor, and a live update shown at once.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CampaignDeviceList } from '@dmc/shared/api';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { AT, campaign, campaignDevice } from '../../../test/fixtures';
import { applyCampaignUpdated } from '../../../lib/live-updates/campaigns';
import { authKeys } from '../../../lib/queries/auth';
import { CampaignDetailPage } from './campaign-detail-page';

const requests: URL[] = [];
const paused = campaign({
  state: 'paused',
  pausedReason: 'error-threshold',
  counts: { pending: 4, running: 0, ok: 3, failed: 3, skipped: 1, cancelled: 0 },
  waves: [
    { n: 0, size: 1, state: 'done', startedAt: AT, gateUntil: null, finishedAt: AT, gateReason: null },
    {
      n: 1,
      size: 10,
      state: 'gating',
      startedAt: AT,
      gateUntil: AT,
      finishedAt: null,
      gateReason: 'alerts rose 3× over the window',
    },
  ],
});

const pages: Record<string, CampaignDeviceList> = {
  all: { items: [campaignDevice({ devId: 'd1', wave: 0, state: 'ok', sc: 200 })], nextCursor: 'p2' },
  p2: { items: [campaignDevice({ devId: 'd2', state: 'pending', commandId: null })], nextCursor: null },
  failed: {
    items: [
      campaignDevice({
        devId: 'd3',
        state: 'failed',
        reason: 'version-mismatch',
        detail: 'reports 2.0, not 2.1',
        operationId: 'o3',
        commandId: null,
      }),
      campaignDevice({
        devId: 'd4',
        state: 'failed',
        reason: 'version-mismatch',
        detail: 'reports 2.0, not 2.1',
      }),
      campaignDevice({ devId: 'd5', state: 'failed', reason: 'command-failed', sc: 500 }),
    ],
    nextCursor: null,
  },
};

function answer(url: string): Response {
  const parsed = new URL(url, 'http://console.test');
  requests.push(parsed);
  const body =
    parsed.pathname === '/api/v1/campaigns/k1'
      ? paused
      : pages[parsed.searchParams.get('state') ?? parsed.searchParams.get('cursor') ?? 'all'];
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string) => Promise.resolve(answer(url)));
});
afterAll(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  requests.length = 0;
});

function renderPage() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username: 'ada', role: 'admin' });
  renderWithProviders(
    <MemoryRouter initialEntries={['/campaigns/k1']}>
      <Routes>
        <Route path="/campaigns/:id" element={<CampaignDetailPage />} />
      </Routes>
    </MemoryRouter>,
    queryClient,
  );
  return queryClient;
}

const deviceRows = () => screen.getAllByTestId('campaign-device-row').map((r) => r.dataset.devid);

describe('CampaignDetailPage', () => {
  it('says why it paused, shows the gate reason and groups failures by reason', async () => {
    renderPage();
    expect((await screen.findByRole('status')).textContent).toContain('failures crossed the error threshold');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
    const waves = screen.getAllByTestId('wave-row').map((r) => r.textContent);
    expect(waves[0]).toContain('Canary');
    expect(waves[1]).toContain('alerts rose 3× over the window');
    await waitFor(() => expect(screen.getAllByTestId('failure-reason')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('failure-reason').map((r) => within(r));
    expect(first?.getByText('version-mismatch')).toBeTruthy();
    expect(first?.getByText('2')).toBeTruthy();
    expect(second?.getByText('command-failed')).toBeTruthy();
  });

  it('filters the devices by state and pages them by cursor, with links to device and work', async () => {
    renderPage();
    await waitFor(() => expect(deviceRows()).toEqual(['d1']));
    const row = within(screen.getAllByTestId('campaign-device-row')[0] as HTMLElement);
    expect(row.getByRole('link', { name: 'd1' }).getAttribute('href')).toBe('/devices/d1');
    // Wave 0 of a campaign with a canary is named as in the waves table.
    expect(row.getAllByRole('cell')[1]?.textContent).toBe('Canary');
    expect(row.getByRole('link', { name: 'command' }).getAttribute('href')).toBe('/devices/d1?tab=commands');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(deviceRows()).toEqual(['d2']));
    expect(requests.at(-1)?.searchParams.get('cursor')).toBe('p2');
    await userEvent.selectOptions(screen.getByLabelText('Device state'), 'failed');
    await waitFor(() => expect(deviceRows()).toEqual(['d3', 'd4', 'd5']));
    const failedPage = requests.filter(
      (r) => r.searchParams.get('state') === 'failed' && r.searchParams.get('limit') === '100',
    );
    expect(failedPage.at(-1)?.searchParams.has('cursor')).toBe(false);
    const d3 = within(screen.getAllByTestId('campaign-device-row')[0] as HTMLElement);
    expect(d3.getByRole('link', { name: 'operation' }).getAttribute('href')).toBe('/devices/d3?tab=updates');
  });

  it('shows a campaign:updated record at once', async () => {
    const queryClient = renderPage();
    await screen.findByRole('button', { name: 'Resume' });
    act(() =>
      applyCampaignUpdated(queryClient, { ...paused, state: 'running', pausedReason: null }, () => undefined),
    );
    expect(await screen.findByRole('button', { name: 'Pause' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('names the saved view a campaign was made from beside its copied query', async () => {
    const queryClient = renderPage();
    await screen.findByRole('button', { name: 'Resume' });
    expect(screen.queryByTestId('campaign-view')).toBeNull();
    act(() =>
      applyCampaignUpdated(
        queryClient,
        { ...paused, query: 'FwV < "1.10"', viewName: 'Old firmware' },
        () => undefined,
      ),
    );
    expect((await screen.findByTestId('campaign-view')).textContent).toBe('view Old firmware');
    expect(screen.getByText('FwV < "1.10"')).toBeTruthy();
  });
});
