// @vitest-environment jsdom
// The campaign header's verbs: what each role may do in each state, the creator never approving its
// own campaign, and cancel only after a confirmation.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CAMPAIGN_STATES, type CampaignState, type Role } from '@dmc/shared/api';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { campaign } from '../../../test/fixtures';
import { authKeys } from '../../../lib/queries/auth';
import { allowedVerbs } from '../lib/campaign-verbs';
import { CampaignVerbs } from './campaign-verbs';

const requests: { method: string; url: string }[] = [];

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    requests.push({ method: init?.method ?? 'GET', url });
    if (init?.method === 'POST') return Promise.resolve(new Response(null, { status: 204 }));
    return Promise.resolve(
      new Response(JSON.stringify(campaign()), { headers: { 'content-type': 'application/json' } }),
    );
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  requests.length = 0;
});

describe('allowedVerbs', () => {
  const admin = { username: 'ada', role: 'admin' as Role };
  const operator = { username: 'olivia', role: 'operator' as Role };
  const support = { username: 'sam', role: 'support' as Role };
  const verbs = (state: CampaignState, viewer = operator, createdBy = 'olivia') =>
    allowedVerbs({ state, createdBy }, viewer);

  it('offers each state its own verbs, and cancel until the campaign is final', () => {
    expect(verbs('draft')).toEqual(['start', 'cancel']);
    expect(verbs('running')).toEqual(['pause', 'cancel']);
    expect(verbs('paused')).toEqual(['resume', 'cancel']);
    expect(verbs('awaiting-approval')).toEqual(['cancel']);
    expect(verbs('completed')).toEqual([]);
    expect(verbs('cancelled')).toEqual([]);
  });

  it('lets only an admin other than the creator approve', () => {
    expect(verbs('awaiting-approval', admin)).toEqual(['approve', 'cancel']);
    expect(verbs('awaiting-approval', admin, 'ada')).toEqual(['cancel']);
    expect(verbs('awaiting-approval', operator, 'ada')).toEqual(['cancel']);
  });

  it('gives support users nothing to press, whatever the state', () => {
    for (const state of CAMPAIGN_STATES) expect(verbs(state, support)).toEqual([]);
  });
});

function renderAs(username: string, role: Role, state: CampaignState, createdBy = 'olivia') {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(authKeys.me(), { username, role });
  return renderWithProviders(<CampaignVerbs campaign={campaign({ state, createdBy })} />, queryClient);
}

const buttons = () =>
  within(screen.getByRole('group', { name: 'Campaign actions' }))
    .queryAllByRole('button')
    .map((b) => b.textContent);

describe('CampaignVerbs', () => {
  it('shows a second admin Approve, and the creator only that another admin must approve', () => {
    renderAs('ada', 'admin', 'awaiting-approval');
    expect(buttons()).toEqual(['Approve', 'Cancel campaign']);
    cleanup();
    renderAs('olivia', 'admin', 'awaiting-approval');
    expect(buttons()).toEqual(['Cancel campaign']);
    expect(screen.getByText('Another admin must approve it.')).toBeTruthy();
  });

  it('shows support users no verb', () => {
    renderAs('sam', 'support', 'running');
    expect(buttons()).toEqual([]);
  });

  it('pauses at once and sends the verb to the campaign', async () => {
    renderAs('olivia', 'operator', 'running');
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() =>
      expect(requests).toContainEqual({ method: 'POST', url: '/api/v1/campaigns/k1/pause' }),
    );
  });

  it('cancels only after the confirmation', async () => {
    renderAs('olivia', 'operator', 'paused');
    const group = within(screen.getByRole('group', { name: 'Campaign actions' }));
    await userEvent.click(group.getByRole('button', { name: 'Cancel campaign' }));
    const dialog = await screen.findByRole('dialog');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep running' }));
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await userEvent.click(group.getByRole('button', { name: 'Cancel campaign' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel campaign' }),
    );
    await waitFor(() =>
      expect(requests).toContainEqual({ method: 'POST', url: '/api/v1/campaigns/k1/cancel' }),
    );
  });
});
