import { describe, expect, it } from 'vitest';
import type { SessionPackageInsert } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function pkg(
  sessionId: string,
  n: number,
  devId = 'd1',
  kind: SessionPackageInsert['kind'] = 'P1',
): SessionPackageInsert {
  return {
    sessionId,
    devId,
    kind,
    at: at(n * 1000),
    status: 200,
    durationMs: n,
    commandId: kind === 'DR' ? `c${n}` : null,
    commands: kind === 'P2' ? 2 : 0,
    body: JSON.stringify({ n }),
    bodyBytes: 7,
    truncated: false,
  };
}

export function describeSessionLogRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: SessionLogRepository`, () => {
    const store = useFreshStore(open);

    it('keeps the packages of a session in write order, with their counts', async () => {
      const { devices, sessionLog } = store();
      await devices.create(makeDevice('d1'));
      await sessionLog.add([pkg('s1', 1), pkg('s1', 1, 'd1', 'P2')]);
      await sessionLog.add([pkg('s1', 2, 'd1', 'DR')]);
      await sessionLog.add([pkg('s2', 3), pkg('s2', 3, 'd1', 'P2')]);
      const rows = await sessionLog.listBySession('s1');
      expect(rows.map((r) => r.kind)).toEqual(['P1', 'P2', 'DR']);
      expect(rows[0]!.seq).toBeLessThan(rows[1]!.seq);
      const { seq: _seq, ...first } = rows[2]!;
      expect(first).toEqual(pkg('s1', 2, 'd1', 'DR'));
      const counts = await sessionLog.countBySessions(['s1', 's2', 'none']);
      expect(counts.sort((a, b) => a.sessionId.localeCompare(b.sessionId))).toEqual([
        { sessionId: 's1', packages: 3, commands: 2 },
        { sessionId: 's2', packages: 2, commands: 2 },
      ]);
    });

    it('removes by age in batches and keeps the newest sessions of each device', async () => {
      const { devices, sessionLog } = store();
      await devices.create(makeDevice('d1'));
      await devices.create(makeDevice('d2'));
      for (let n = 1; n <= 4; n += 1) await sessionLog.add([pkg(`a${n}`, n), pkg(`a${n}`, n, 'd1', 'P2')]);
      await sessionLog.add([pkg('b1', 1, 'd2')]);
      expect(await sessionLog.listDevicesAfter(null, 10)).toEqual(['d1', 'd2']);
      expect(await sessionLog.listDevicesAfter('d1', 10)).toEqual(['d2']);
      expect(await sessionLog.keepNewestSessions(['d1', 'd2'], 2)).toBe(4);
      expect(await sessionLog.keepNewestSessions(['d1', 'd2'], 2)).toBe(0);
      for (const gone of ['a1', 'a2']) expect(await sessionLog.listBySession(gone)).toEqual([]);
      expect(await sessionLog.listBySession('a4')).toHaveLength(2);
      expect(await sessionLog.listBySession('b1')).toHaveLength(1);
      // a3 and a4's rows (4) and b1's (1) are left; those before 3.5 s go, 1 row per statement.
      expect(await sessionLog.removeOlderThan(at(3500), 1)).toBe(1);
      expect(await sessionLog.removeOlderThan(at(3500), 10)).toBe(2);
      expect(await sessionLog.listBySession('a3')).toEqual([]);
      expect(await sessionLog.listBySession('a4')).toHaveLength(2);
    });

    it('goes with its device', async () => {
      const { devices, sessionLog } = store();
      await devices.create(makeDevice('d1'));
      await sessionLog.add([pkg('s1', 1)]);
      await devices.remove('d1');
      expect(await sessionLog.listBySession('s1')).toEqual([]);
    });
  });
}
