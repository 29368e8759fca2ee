import { describe, expect, it } from 'vitest';
import type { CampaignRow, NewCampaignMember } from '../ports';
import { at, makeAlert, makeCommand, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function campaign(id: string, overrides: Partial<CampaignRow> = {}): CampaignRow {
  return {
    id,
    name: `campaign ${id}`,
    state: 'running',
    query: 'Mod = "Sim-1"',
    viewName: null,
    devIds: null,
    action: { kind: 'command', command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/FwV'] },
    conflictKey: 'urn:oma:mo:oma-dm-devinfo:1.0',
    waveSpec: { canary: 1, size: 2 },
    errorThresholdPct: 10,
    healthGate: null,
    dynamic: false,
    approvalRequired: false,
    bulk: false,
    pausedReason: null,
    createdBy: 'op',
    approvedBy: null,
    createdAt: at(0),
    startedAt: at(1),
    finishedAt: null,
    version: 1,
    membershipCursor: null,
    membershipDone: false,
    wavesPlanned: false,
    acceptedFailures: 0,
    settled: false,
    dynamicCheckedAt: null,
    ...overrides,
  };
}

const pending = (devId: string): NewCampaignMember => ({
  devId,
  state: 'pending',
  reason: null,
  detail: null,
});

export function describeCampaignRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: CampaignRepository and CampaignDeviceRepository`, () => {
    const store = useFreshStore(open);

    it('stores a campaign with every field and updates it only from the version it read', async () => {
      const full = campaign('c1', {
        devIds: ['a', 'b'],
        query: null,
        healthGate: { windowS: 60, maxAlertRatio: 1.5, minAlerts: 2 },
        errorThresholdPct: 12.5,
        dynamic: true,
        approvalRequired: true,
        bulk: true,
        pausedReason: 'error-threshold',
        approvedBy: 'admin2',
        finishedAt: at(9),
        membershipCursor: 'b',
        membershipDone: true,
        wavesPlanned: true,
        acceptedFailures: 3,
        settled: true,
        dynamicCheckedAt: at(5),
      });
      await store().campaigns.create(full);
      expect(await store().campaigns.find('c1')).toEqual(full);
      const fromView = campaign('c2', { viewName: 'Old firmware' });
      await store().campaigns.create(fromView);
      expect(await store().campaigns.find('c2')).toEqual(fromView);
      expect(await store().campaigns.update({ ...full, state: 'paused', version: 2 })).toBe(true);
      // A writer that read version 1 too loses.
      expect(await store().campaigns.update({ ...full, state: 'cancelled', version: 2 })).toBe(false);
      expect((await store().campaigns.find('c1'))?.state).toBe('paused');
    });

    it('lists newest first with a keyset cursor and a state filter; active ones oldest first', async () => {
      await store().campaigns.create(campaign('c1', { createdAt: at(1), state: 'completed' }));
      await store().campaigns.create(campaign('c2', { createdAt: at(2), state: 'running' }));
      await store().campaigns.create(campaign('c3', { createdAt: at(3), state: 'cancelled' }));
      await store().campaigns.create(campaign('c4', { createdAt: at(3), state: 'paused' }));
      const page = await store().campaigns.list({ limit: 2 });
      expect(page.map((c) => c.id)).toEqual(['c4', 'c3']);
      const next = await store().campaigns.list({ limit: 5, after: { createdAt: at(3), id: 'c3' } });
      expect(next.map((c) => c.id)).toEqual(['c2', 'c1']);
      expect((await store().campaigns.list({ limit: 5, state: 'paused' })).map((c) => c.id)).toEqual(['c4']);
      expect((await store().campaigns.listActive(10)).map((c) => c.id)).toEqual(['c2', 'c3', 'c4']);
    });

    it('creates waves once and moves a wave only from the states given', async () => {
      await store().campaigns.create(campaign('c1'));
      const wave = {
        campaignId: 'c1',
        size: 1,
        state: 'pending' as const,
        startedAt: null,
        gateUntil: null,
        finishedAt: null,
        gateReason: null,
      };
      await store().campaigns.createWaves([
        { ...wave, n: 0 },
        { ...wave, n: 1, size: 2 },
      ]);
      await store().campaigns.createWaves([{ ...wave, n: 0, size: 99 }]);
      expect((await store().campaigns.listWaves('c1')).map((w) => [w.n, w.size])).toEqual([
        [0, 1],
        [1, 2],
      ]);
      expect(
        await store().campaigns.transitionWave('c1', 0, ['pending'], { state: 'running', startedAt: at(5) }),
      ).toBe(true);
      expect(await store().campaigns.transitionWave('c1', 0, ['pending'], { state: 'running' })).toBe(false);
      const [first] = await store().campaigns.listWaves('c1');
      expect(first).toMatchObject({ state: 'running', startedAt: at(5) });
    });

    it('adds members once, assigns waves, and moves devices conditionally in batches', async () => {
      await store().campaigns.create(campaign('c1'));
      const devices = store().campaignDevices;
      expect(
        await devices.addMembers(
          'c1',
          [
            pending('a'),
            pending('b'),
            { devId: 'c', state: 'skipped', reason: 'incompatible', detail: 'Mod' },
          ],
          at(1),
        ),
      ).toBe(3);
      expect(await devices.addMembers('c1', [pending('a'), pending('d')], at(2))).toBe(1);
      await devices.assignWaves('c1', [
        { devId: 'a', wave: 0 },
        { devId: 'b', wave: 1 },
        { devId: 'd', wave: 1 },
      ]);
      expect(await devices.countOpenInWave('c1', 1)).toBe(2);
      expect(
        await devices.markRunning(
          'c1',
          [
            { devId: 'a', commandId: 'cmd-a', operationId: null },
            { devId: 'c', commandId: 'cmd-c', operationId: null },
          ],
          at(3),
        ),
      ).toEqual(['a']);
      // A second start of the same device changes nothing.
      expect(
        await devices.markRunning('c1', [{ devId: 'a', commandId: 'x', operationId: null }], at(4)),
      ).toEqual([]);
      expect(
        await devices.finish(
          'c1',
          [{ devId: 'a', state: 'failed', sc: 404, reason: 'command-failed', detail: 'no' }],
          at(5),
        ),
      ).toBe(1);
      expect(
        await devices.finish('c1', [{ devId: 'a', state: 'ok', sc: 200, reason: null, detail: null }], at(6)),
      ).toBe(0);
      expect(await devices.markDone('c1', ['b'], at(6))).toEqual(['b']);
      expect(await devices.countByState('c1')).toEqual({ failed: 1, ok: 1, skipped: 1, pending: 1 });
      const [a] = await devices.list('c1', { limit: 1 });
      expect(a).toMatchObject({
        devId: 'a',
        wave: 0,
        state: 'failed',
        commandId: 'cmd-a',
        sc: 404,
        reason: 'command-failed',
        detail: 'no',
        startedAt: at(3),
        finishedAt: at(5),
      });
      expect((await devices.list('c1', { limit: 5, afterDevId: 'b' })).map((d) => d.devId)).toEqual([
        'c',
        'd',
      ]);
      expect((await devices.list('c1', { limit: 5, state: 'pending', wave: 1 })).map((d) => d.devId)).toEqual(
        ['d'],
      );
      const cancelled = await devices.cancelOpen('c1', 10, at(7));
      expect(cancelled.map((d) => [d.devId, d.state, d.reason])).toEqual([['d', 'cancelled', 'cancelled']]);
      expect(await devices.cancelOpen('c1', 10, at(8))).toEqual([]);
    });

    it('finds devices another live campaign holds with the same key, and each device’s campaigns', async () => {
      await store().campaigns.create(campaign('c1', { createdAt: at(1) }));
      await store().campaigns.create(campaign('c2', { createdAt: at(2), conflictKey: 'other' }));
      await store().campaigns.create(campaign('c3', { createdAt: at(3), state: 'completed' }));
      await store().campaignDevices.addMembers('c1', [pending('a'), pending('b')], at(1));
      await store().campaignDevices.addMembers('c2', [pending('c')], at(1));
      await store().campaignDevices.addMembers('c3', [pending('a'), pending('d')], at(1));
      const key = 'urn:oma:mo:oma-dm-devinfo:1.0';
      expect(await store().campaignDevices.holders(['a', 'c', 'd'], key, 'new')).toEqual([
        { devId: 'a', campaignId: 'c1', campaignName: 'campaign c1' },
      ]);
      expect(await store().campaignDevices.holders(['a'], key, 'c1')).toEqual([]);
      expect(await store().campaignDevices.nonMembers('c1', ['z', 'b', 'c', 'a'])).toEqual(['c', 'z']);
      expect(await store().campaignDevices.nonMembers('c1', [])).toEqual([]);
      const parts = await store().campaignDevices.listForDevice('a', 10);
      expect(parts.map((p) => [p.campaignId, p.campaignName, p.campaignState, p.hasCanary])).toEqual([
        ['c3', 'campaign c3', 'completed', true],
        ['c1', 'campaign c1', 'running', true],
      ]);
    });

    it('reads device facts, instances, nodes, command outcomes and alerts in batches', async () => {
      const devInfo = { Man: 'Acme', Mod: 'Sim-1', HwV: 'r2', FwV: '1.0' };
      await store().devices.create(
        makeDevice('a', { labels: ['x'], devInfo: { ...makeDevice('a').devInfo, ...devInfo } }),
      );
      await store().devices.create(makeDevice('b', { labels: ['x', 'y'] }));
      const facts = await store().campaignDevices.deviceFacts(['b', 'a', 'nobody']);
      expect(facts).toEqual([
        { devId: 'a', ...devInfo },
        {
          devId: 'b',
          Man: makeDevice('b').devInfo.Man,
          Mod: makeDevice('b').devInfo.Mod,
          HwV: makeDevice('b').devInfo.HwV,
          FwV: makeDevice('b').devInfo.FwV,
        },
      ]);
      await store().tree.addInstance('a', { moid: 'urn:fumo', miid: 'fw', ddf: null });
      await store().tree.addInstance('b', { moid: 'urn:other', miid: 'o', ddf: null });
      expect(await store().campaignDevices.instancesOf(['a', 'b'], ['urn:fumo'])).toEqual([
        { devId: 'a', moid: 'urn:fumo', miid: 'fw' },
      ]);
      await store().commands.enqueue(makeCommand('k1', 'a', { state: 'failed', sc: 404 }));
      expect(await store().campaignDevices.commandOutcomes(['k1', 'k2'])).toEqual([
        { id: 'k1', state: 'failed', sc: 404, reason: null },
      ]);
      await store().alerts.insert([
        makeAlert('al1', 'a', { receivedAt: at(10) }),
        makeAlert('al2', 'a', { receivedAt: at(20), sourceUri: './Other' }),
        makeAlert('al3', 'b', { receivedAt: at(10) }),
      ]);
      expect(
        await store().campaignDevices.countAlerts([
          { devId: 'a', from: at(0), to: at(20) },
          { devId: 'b', from: at(0), to: at(11) },
        ]),
      ).toBe(2);
    });
  });
}
