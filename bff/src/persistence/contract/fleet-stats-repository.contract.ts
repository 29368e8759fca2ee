import { describe, expect, it } from 'vitest';
import { at, makeCommand, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const withFirmware = (fwVersion: string | null) => ({
  devInfo: { ...makeDevice('x').devInfo, FwV: fwVersion },
});

export function describeFleetStatsRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: FleetStatsRepository`, () => {
    const store = useFreshStore(open);

    it('counts devices, and those seen since a time', async () => {
      const { devices, stats } = store();
      expect(await stats.countDevices()).toBe(0);
      await devices.create(makeDevice('d1', { lastSeenAt: at(1000) }));
      await devices.create(makeDevice('d2', { lastSeenAt: at(2000) }));
      await devices.create(makeDevice('d3'));
      expect(await stats.countDevices()).toBe(3);
      expect(await stats.countSeenSince(at(1000))).toBe(2);
      expect(await stats.countSeenSince(at(1001))).toBe(1);
      expect(await stats.countSeenSince(at(5000))).toBe(0);
    });

    it('counts devices per firmware version, most common first, unreported last on ties', async () => {
      const { devices, stats } = store();
      const versions: (string | null)[] = ['2.0', '1.0', '2.0', null, '3.0', '2.0', '1.0', null, '0.9'];
      for (const [i, version] of versions.entries()) {
        await devices.create(makeDevice(`d${i}`, withFirmware(version)));
      }
      expect(await stats.countByFirmware(10)).toEqual([
        { version: '2.0', count: 3 },
        { version: '1.0', count: 2 },
        { version: null, count: 2 },
        { version: '0.9', count: 1 },
        { version: '3.0', count: 1 },
      ]);
      expect(await stats.countByFirmware(2)).toEqual([
        { version: '2.0', count: 3 },
        { version: '1.0', count: 2 },
      ]);
    });

    it('counts commands in the asked states', async () => {
      const { devices, commands, stats } = store();
      await devices.create(makeDevice('d1'));
      const states = ['queued', 'queued', 'sent', 'ok', 'failed', 'accepted', 'queued'] as const;
      for (const [i, state] of states.entries()) {
        await commands.enqueue(makeCommand(`c${i}`, 'd1', { state }));
      }
      const counts = await stats.countCommandsByState(['queued', 'sent', 'accepted', 'expired']);
      expect(counts.sort((a, b) => a.state.localeCompare(b.state))).toEqual([
        { state: 'accepted', count: 1 },
        { state: 'queued', count: 3 },
        { state: 'sent', count: 1 },
      ]);
      expect(await stats.countCommandsByState([])).toEqual([]);
    });
  });
}
