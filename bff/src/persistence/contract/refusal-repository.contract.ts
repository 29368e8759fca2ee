import { describe, expect, it } from 'vitest';
import type { RefusalRow } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function refusal(n: number, devId = 'd1'): RefusalRow {
  return {
    id: `r${n}`,
    devId,
    at: at(n * 1000),
    endpoint: 'dm',
    status: 401,
    code: 'UNAUTHENTICATED',
    reason: `Authentication failed: wrong password (${n}).`,
    suppressed: n % 3,
  };
}

export function describeRefusalRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: RefusalRepository`, () => {
    const store = useFreshStore(open);

    it('keeps the newest records of a registered device, newest first', async () => {
      const { devices, refusals } = store();
      await devices.create(makeDevice('d1'));
      await devices.create(makeDevice('d2'));
      for (let n = 1; n <= 25; n += 1) expect(await refusals.add(refusal(n), 20)).toBe(true);
      await refusals.add(refusal(100, 'd2'), 20);
      const kept = await refusals.listByDevice('d1', 50);
      expect(kept.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `r${25 - i}`));
      expect(kept[0]).toEqual(refusal(25));
      expect(await refusals.listByDevice('d2', 50)).toEqual([refusal(100, 'd2')]);
      expect(await refusals.listByDevice('d1', 3)).toHaveLength(3);
    });

    it('stores nothing for a device that is not registered', async () => {
      const { refusals } = store();
      expect(await refusals.add(refusal(1, 'nobody'), 20)).toBe(false);
      expect(await refusals.listByDevice('nobody', 50)).toEqual([]);
    });

    it('forgets a removed device', async () => {
      const { devices, refusals } = store();
      await devices.create(makeDevice('d1'));
      await refusals.add(refusal(1), 20);
      await devices.remove('d1');
      expect(await refusals.listByDevice('d1', 50)).toEqual([]);
    });
  });
}
