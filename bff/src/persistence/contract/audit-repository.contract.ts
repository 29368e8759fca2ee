import { describe, expect, it } from 'vitest';
import type { AuditRow, Store } from '../ports';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function entry(seq: number, overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    seq,
    at: at(seq * 1000),
    actor: seq % 2 === 0 ? 'olivia' : 'admin',
    role: seq % 2 === 0 ? 'operator' : 'admin',
    action: seq % 3 === 0 ? 'deleteDevice' : 'registerDevice',
    target: `dev-${seq}`,
    outcome: 'ok',
    client: '127.0.0.1',
    requestId: `req-${seq}`,
    prevHash: `prev-${seq}`,
    hash: `hash-${seq}`,
    ...overrides,
  };
}

/** Appends as the audit service does: lock, read the last, insert after it. */
async function append(store: Store, make: (last: AuditRow | undefined) => AuditRow): Promise<void> {
  await store.transaction(async (repos) => {
    await repos.audit.lockChain();
    await repos.audit.insert(make(await repos.audit.last()));
  });
}

export function describeAuditRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: AuditRepository`, () => {
    const store = useFreshStore(open);

    it('appends after the last entry and reads entries back unchanged', async () => {
      const s = store();
      expect(await s.audit.last()).toBeUndefined();
      for (let n = 1; n <= 6; n += 1) await append(s, (last) => entry((last?.seq ?? 0) + 1));
      expect(await s.audit.last()).toEqual(entry(6));
      expect(await s.audit.range(0, 100)).toEqual([1, 2, 3, 4, 5, 6].map((n) => entry(n)));
      expect((await s.audit.range(4, 1)).map((r) => r.seq)).toEqual([5]);
    });

    it('refuses a second entry with a seq already taken', async () => {
      const s = store();
      await append(s, () => entry(1));
      await expect(append(s, () => entry(1, { hash: 'other' }))).rejects.toThrow();
      expect(await s.audit.range(0, 10)).toEqual([entry(1)]);
    });

    it('lists newest first with exact filters, a time range and a seq bound', async () => {
      const s = store();
      for (let n = 1; n <= 9; n += 1) await append(s, () => entry(n));
      const seqs = async (filter: Parameters<Store['audit']['list']>[0], limit = 100) =>
        (await s.audit.list(filter, limit)).map((r) => r.seq);
      expect(await seqs({})).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(await seqs({}, 2)).toEqual([9, 8]);
      expect(await seqs({ actor: 'olivia' })).toEqual([8, 6, 4, 2]);
      expect(await seqs({ action: 'deleteDevice' })).toEqual([9, 6, 3]);
      expect(await seqs({ target: 'dev-4' })).toEqual([4]);
      expect(await seqs({ since: at(3000), until: at(5000) })).toEqual([5, 4, 3]);
      expect(await seqs({ actor: 'admin', beforeSeq: 5 })).toEqual([3, 1]);
    });
  });
}
