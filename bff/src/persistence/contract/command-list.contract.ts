// The fleet-wide command list: every device's commands newest first, each filter alone and together,
// and keyset pages that neither skip nor repeat a command.
import { describe, expect, it } from 'vitest';
import type { CommandListQuery, Store } from '../ports';
import { at, makeCommand, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

async function ids(store: Store, query: Omit<CommandListQuery, 'limit'>): Promise<string[]> {
  return (await store.commands.list({ limit: 100, ...query })).map((c) => c.id);
}

export function describeCommandListContract(name: string, open: OpenStore): void {
  describe(`${name}: CommandRepository.list`, () => {
    const store = useFreshStore(open);

    /** c0…c8 queued in that order, at 0…8 s, spread over devices, states, users and names. */
    async function seed(): Promise<void> {
      for (const devId of ['d1', 'd2', 'd3']) await store().devices.create(makeDevice(devId));
      const states = ['queued', 'sent', 'ok', 'failed'] as const;
      const names = [
        ['GET', '/DevInfo/Mod'],
        ['EXEC', '/FUMO/1/Update'],
        ['SHOW', 'https://x/ui/t'],
      ];
      for (let i = 0; i < 9; i += 1) {
        await store().commands.enqueue(
          makeCommand(`c${i}`, `d${(i % 3) + 1}`, {
            state: states[i % 4] ?? 'queued',
            command: names[i % 3] ?? [],
            createdBy: i % 2 === 0 ? 'olivia' : null,
            createdAt: at(i * 1000),
          }),
        );
      }
    }

    it("lists every device's commands newest first", async () => {
      await seed();
      expect(await ids(store(), {})).toEqual(['c8', 'c7', 'c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
    });

    it('filters by state, device, who queued it, command name and time, alone and together', async () => {
      await seed();
      expect(await ids(store(), { state: 'failed' })).toEqual(['c7', 'c3']);
      expect(await ids(store(), { devId: 'd2' })).toEqual(['c7', 'c4', 'c1']);
      expect(await ids(store(), { createdBy: 'olivia' })).toEqual(['c8', 'c6', 'c4', 'c2', 'c0']);
      expect(await ids(store(), { commandName: 'EXEC' })).toEqual(['c7', 'c4', 'c1']);
      expect(await ids(store(), { since: at(3000), until: at(6000) })).toEqual(['c5', 'c4', 'c3']);
      expect(await ids(store(), { devId: 'd2', createdBy: 'olivia', commandName: 'EXEC' })).toEqual(['c4']);
      expect(await ids(store(), { state: 'ok', devId: 'd1' })).toEqual(['c6']);
      expect(await ids(store(), { state: 'ok', devId: 'd2' })).toEqual([]);
    });

    it('pages with the keyset: no command skipped or repeated, also while new ones arrive', async () => {
      await seed();
      const seen: string[] = [];
      let beforeSeq: number | undefined;
      for (let page = 0; page < 10; page += 1) {
        const rows = await store().commands.list({
          limit: 4,
          ...(beforeSeq === undefined ? {} : { beforeSeq }),
        });
        seen.push(...rows.map((r) => r.id));
        if (page === 0) await store().commands.enqueue(makeCommand('late', 'd1', { createdAt: at(9000) }));
        if (rows.length < 4) break;
        beforeSeq = rows.at(-1)?.seq;
      }
      expect(seen).toEqual(['c8', 'c7', 'c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
      expect(await ids(store(), { beforeSeq: Number.MAX_SAFE_INTEGER, commandName: 'GET' })).toEqual([
        'late',
        'c6',
        'c3',
        'c0',
      ]);
    });
  });
}
