// @vitest-environment jsdom
// The device page's Campaigns tab: the device's part in each campaign, linked to the campaign.
import { cleanup, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeviceCampaignList } from '@dmc/shared/api';
import { renderWithProviders } from '../../../test/dom';
import { campaignDevice } from '../../../test/fixtures';
import { DeviceCampaignsTab } from './device-campaigns-tab';

const asked: string[] = [];
let list: DeviceCampaignList = { items: [] };

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    return Promise.resolve(
      new Response(JSON.stringify(list), { headers: { 'content-type': 'application/json' } }),
    );
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  asked.length = 0;
});

const render = () =>
  renderWithProviders(
    <MemoryRouter>
      <DeviceCampaignsTab devId="d 1" />
    </MemoryRouter>,
  );

describe('DeviceCampaignsTab', () => {
  it('lists each campaign with its state, the device state and the reason', async () => {
    list = {
      items: [
        {
          ...campaignDevice({
            devId: 'd 1',
            state: 'failed',
            reason: 'version-mismatch',
            detail: 'reports 2.0',
            wave: 0,
          }),
          campaignName: 'Firmware 2.1',
          campaignState: 'paused',
          hasCanary: true,
        },
      ],
    };
    render();
    const row = within(await screen.findByTestId('device-campaign-row'));
    expect(asked).toEqual(['/api/v1/devices/d%201/campaigns']);
    expect(row.getByRole('link', { name: 'Firmware 2.1' }).getAttribute('href')).toBe('/campaigns/k1');
    expect(row.getByText('Paused')).toBeTruthy();
    expect(row.getByText('failed')).toBeTruthy();
    expect(row.getByText('version-mismatch')).toBeTruthy();
    expect(row.getByText('Canary')).toBeTruthy();
  });

  it('says when the device was in no campaign', async () => {
    list = { items: [] };
    render();
    expect(await screen.findByText('This device has not been part of any campaign.')).toBeTruthy();
  });
});
