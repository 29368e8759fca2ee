import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT } from '../../commands/lib/composer-draft';
import {
  buildCampaignInput,
  buildWaveSpec,
  EMPTY_CAMPAIGN_DRAFT,
  type CampaignDraft,
} from './campaign-draft';

const FWV = 'urn:oma:mo:oma-dm-devinfo:1.0//FwV';
const draft = (over: Partial<CampaignDraft> = {}): CampaignDraft => ({
  ...EMPTY_CAMPAIGN_DRAFT,
  name: 'Read versions',
  action: { ...EMPTY_CAMPAIGN_DRAFT.action, command: { ...EMPTY_DRAFT, kind: 'GET', clientUri: FWV } },
  ...over,
});

describe('buildWaveSpec', () => {
  it('makes a canary and fixed-size waves', () => {
    expect(buildWaveSpec({ mode: 'size', canary: '5', size: '200', percentages: '' })).toEqual({
      ok: true,
      value: { canary: 5, size: 200 },
    });
  });

  it('reads cumulative percentages however they are separated, with or without %', () => {
    expect(buildWaveSpec({ mode: 'percentages', canary: '', size: '', percentages: '10%, 40 ;100' })).toEqual(
      {
        ok: true,
        value: { canary: 0, percentages: [10, 40, 100] },
      },
    );
  });

  it('refuses percentages that fall, do not end at 100, or are not whole numbers', () => {
    const of = (percentages: string) =>
      buildWaveSpec({ mode: 'percentages', canary: '0', size: '', percentages });
    expect(of('40, 10, 100')).toMatchObject({
      ok: false,
      field: 'percentages',
      message: 'percentages must rise',
    });
    expect(of('10, 50')).toMatchObject({
      ok: false,
      field: 'percentages',
      message: 'the last percentage must be 100',
    });
    expect(of('10.5, 100')).toMatchObject({ ok: false, field: 'percentages' });
    expect(of('')).toMatchObject({ ok: false, field: 'percentages' });
  });

  it('refuses a wave of no device and a canary that is not a count', () => {
    expect(buildWaveSpec({ mode: 'size', canary: '0', size: '0', percentages: '' })).toMatchObject({
      ok: false,
      field: 'size',
    });
    expect(buildWaveSpec({ mode: 'size', canary: '-1', size: '5', percentages: '' })).toMatchObject({
      ok: false,
      field: 'canary',
    });
  });
});

describe('buildCampaignInput', () => {
  it('builds the create body: target, command action, waves, threshold, gate, approval', () => {
    const built = buildCampaignInput(
      draft({
        waves: { mode: 'percentages', canary: '2', size: '', percentages: '25, 100' },
        errorThresholdPct: '5',
        gate: { enabled: true, windowS: '600', maxAlertRatio: '1.5', minAlerts: '2' },
        approval: true,
        dynamic: true,
      }),
      { query: 'Mod = "Sim-1"' },
      false,
    );
    expect(built).toEqual({
      ok: true,
      value: {
        name: 'Read versions',
        query: 'Mod = "Sim-1"',
        action: { kind: 'command', command: ['GET', FWV] },
        waves: { canary: 2, percentages: [25, 100] },
        errorThresholdPct: 5,
        healthGate: { windowS: 600, maxAlertRatio: 1.5, minAlerts: 2 },
        approval: true,
        dynamic: true,
        start: false,
      },
    });
  });

  it('targets named devices and a firmware artifact with consent; no gate, no approval flag', () => {
    const built = buildCampaignInput(
      draft({ action: { kind: 'firmware-update', command: EMPTY_DRAFT, artifactId: 'art1', consent: true } }),
      { devIds: ['d1', 'd2'] },
      true,
    );
    expect(built.ok && built.value).toMatchObject({
      devIds: ['d1', 'd2'],
      action: { kind: 'firmware-update', artifactId: 'art1', consent: true },
      waves: { canary: 0, size: 100 },
      start: true,
    });
    expect(built.ok && 'healthGate' in built.value).toBe(false);
    expect(built.ok && 'approval' in built.value).toBe(false);
  });

  it('says which input is wrong first', () => {
    expect(buildCampaignInput(draft({ name: ' ' }), { query: '' }, true)).toMatchObject({ field: 'name' });
    expect(
      buildCampaignInput(draft({ action: { ...draft().action, command: EMPTY_DRAFT } }), { query: '' }, true),
    ).toMatchObject({ field: 'command', message: 'Enter a ClientURI.' });
    expect(
      buildCampaignInput(
        draft({ action: { ...draft().action, kind: 'software-install' } }),
        { query: '' },
        true,
      ),
    ).toMatchObject({ field: 'artifactId' });
    expect(buildCampaignInput(draft({ errorThresholdPct: '120' }), { query: '' }, true)).toMatchObject({
      field: 'errorThresholdPct',
    });
  });
});
