import { describe, expect, it } from 'vitest';
import { FINAL_OPERATION_STATES, OPERATION_STATES } from '../ports';
import type { OperationRow } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function operation(id: string, devId: string, overrides: Partial<OperationRow> = {}): OperationRow {
  return {
    id,
    devId,
    kind: 'firmware-update',
    artifactId: 'art-1',
    moInstance: null,
    params: { moid: 'urn:oma:mo:oma-fumo:1.0', miid: '1' },
    state: 'running',
    commandIds: [],
    consentCommandId: null,
    result: null,
    resumeAt: null,
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function describeOperationRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: OperationRepository`, () => {
    const store = useFreshStore(open);
    const seedDevices = async (...devIds: string[]): Promise<void> => {
      for (const devId of devIds) await store().devices.create(makeDevice(devId));
    };

    it('creates and finds an operation with every field', async () => {
      await seedDevices('d1');
      const full: OperationRow = {
        id: 'o1',
        devId: 'd1',
        kind: 'software-install',
        artifactId: 'art-9',
        moInstance: 'sw',
        params: { moid: 'urn:oma:mo:oma-scomo:1.0', page: { title: 'Install?', options: [1, null, 'x'] } },
        state: 'postponed',
        commandIds: ['c1', 'c2', 'c3'],
        consentCommandId: 'c0',
        result: { sc: 200, detail: { resultCode: '1200' } },
        resumeAt: at(3_600_000),
        version: 7,
        createdAt: at(5),
        updatedAt: at(40_000),
      };
      const bare = operation('o2', 'd1', { artifactId: null, params: null });
      await store().operations.create(full);
      await store().operations.create(bare);
      expect(await store().operations.find('o1')).toEqual(full);
      expect(await store().operations.find('o2')).toEqual(bare);
      expect(await store().operations.find('nope')).toBeUndefined();
    });

    it('rejects a second operation with the same id', async () => {
      await seedDevices('d1');
      await store().operations.create(operation('o1', 'd1'));
      await expect(store().operations.create(operation('o1', 'd1'))).rejects.toThrow();
    });

    it('listByDevice lists a device’s operations newest first, up to limit', async () => {
      await seedDevices('d1', 'd2');
      const { operations } = store();
      for (const [id, created] of [
        ['a', 1],
        ['b', 3],
        ['c', 2],
      ] as const) {
        await operations.create(operation(id, 'd1', { createdAt: at(created), state: 'ok' }));
      }
      await operations.create(operation('other', 'd2', { createdAt: at(9) }));
      expect((await operations.listByDevice('d1', 10)).map((o) => o.id)).toEqual(['b', 'c', 'a']);
      expect((await operations.listByDevice('d1', 2)).map((o) => o.id)).toEqual(['b', 'c']);
      expect(await operations.listByDevice('none', 10)).toEqual([]);
    });

    it('listActive returns operations not in a final state, oldest first, by createdAt then id', async () => {
      await seedDevices('d1', 'd2');
      const { operations } = store();
      await operations.create(operation('run-late', 'd1', { createdAt: at(30) }));
      await operations.create(operation('b-tie', 'd1', { state: 'waiting-consent', createdAt: at(10) }));
      await operations.create(operation('a-tie', 'd2', { state: 'postponed', createdAt: at(10) }));
      await operations.create(operation('early', 'd2', { createdAt: at(1) }));
      for (const state of FINAL_OPERATION_STATES) {
        await operations.create(operation(`final-${state}`, 'd1', { state, createdAt: at(5) }));
      }
      expect((await operations.listActive(10)).map((o) => o.id)).toEqual([
        'early',
        'a-tie',
        'b-tie',
        'run-late',
      ]);
      expect((await operations.listActive(2)).map((o) => o.id)).toEqual(['early', 'a-tie']);
      expect(await operations.listActive(0)).toEqual([]);
    });

    it('listActive pages with after, without repeats or gaps across equal createdAt', async () => {
      await seedDevices('d1');
      const { operations } = store();
      const activeStates = OPERATION_STATES.filter((s) => !FINAL_OPERATION_STATES.includes(s));
      const expected: string[] = [];
      for (let i = 0; i < 9; i += 1) {
        const id = `op-${String(i)}`;
        // Three operations share each createdAt, so page boundaries fall inside ties.
        const state = activeStates[i % activeStates.length] ?? 'running';
        await operations.create(operation(id, 'd1', { state, createdAt: at(Math.floor(i / 3)) }));
        expected.push(id);
      }
      await operations.create(operation('done', 'd1', { state: 'ok', createdAt: at(1) }));
      const seen: string[] = [];
      let after: { createdAt: Date; id: string } | undefined;
      for (let page = 0; page < 10; page += 1) {
        const rows = await operations.listActive(2, after);
        if (rows.length === 0) break;
        expect(rows.length).toBeLessThanOrEqual(2);
        seen.push(...rows.map((o) => o.id));
        const last = rows[rows.length - 1];
        if (last === undefined) break;
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).toEqual(expected);
      expect(await operations.listActive(10, { createdAt: at(2), id: 'op-8' })).toEqual([]);
    });

    it('update succeeds once per version; a second writer with the same version loses', async () => {
      await seedDevices('d1');
      const { operations } = store();
      const created = operation('o1', 'd1', { state: 'waiting-consent', consentCommandId: 'show-1' });
      await operations.create(created);
      const mine: OperationRow = {
        ...created,
        version: 2,
        state: 'running',
        consentCommandId: null,
        commandIds: ['c1', 'c2'],
        updatedAt: at(5),
      };
      const theirs: OperationRow = { ...created, version: 2, state: 'declined', updatedAt: at(6) };
      expect(await operations.update(mine)).toBe(true);
      expect(await operations.update(theirs)).toBe(false);
      expect(await operations.find('o1')).toEqual(mine);
      const done: OperationRow = {
        ...mine,
        version: 3,
        state: 'ok',
        result: { sc: 200, resultCode: '1200' },
        params: { moid: 'urn:oma:mo:oma-fumo:1.0', miid: '1', note: 'updated' },
        updatedAt: at(7),
      };
      expect(await operations.update(done)).toBe(true);
      expect(await operations.find('o1')).toEqual(done);
      expect(await operations.update({ ...done, version: 5 })).toBe(false);
      expect(await operations.update({ ...done, version: 3 })).toBe(false);
      expect(await operations.update(operation('missing', 'd1', { version: 2 }))).toBe(false);
      expect(await operations.find('o1')).toEqual(done);
    });

    it('concurrent updates from the same version: exactly one wins', async () => {
      await seedDevices('d1');
      const { operations } = store();
      const created = operation('o1', 'd1');
      await operations.create(created);
      const writes = [1, 2, 3, 4].map((n): OperationRow => ({
        ...created,
        version: 2,
        result: { writer: n },
        updatedAt: at(n),
      }));
      const results = await Promise.all(writes.map((row) => operations.update(row)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = writes[results.indexOf(true)];
      expect(await operations.find('o1')).toEqual(winner);
    });

    it('isArtifactInUse is true only while an operation of that artifact is not final', async () => {
      await seedDevices('d1', 'd2');
      const { operations } = store();
      for (const state of FINAL_OPERATION_STATES) {
        await operations.create(operation(`final-${state}`, 'd1', { artifactId: 'art-1', state }));
      }
      await operations.create(operation('other-art', 'd2', { artifactId: 'art-2' }));
      await operations.create(operation('no-art', 'd2', { artifactId: null }));
      expect(await operations.isArtifactInUse('art-1')).toBe(false);
      expect(await operations.isArtifactInUse('art-2')).toBe(true);
      expect(await operations.isArtifactInUse('art-none')).toBe(false);
      const active = operation('active', 'd1', { artifactId: 'art-1', state: 'postponed' });
      await operations.create(active);
      expect(await operations.isArtifactInUse('art-1')).toBe(true);
      expect(await operations.update({ ...active, version: 2, state: 'cancelled' })).toBe(true);
      expect(await operations.isArtifactInUse('art-1')).toBe(false);
    });

    it('create refuses a second operation of a kind on an instance until the first is final', async () => {
      await seedDevices('d1', 'd2');
      const { operations } = store();
      const first = operation('fw-1', 'd1', { moInstance: 'fw' });
      expect(await operations.create(first)).toBe(true);
      expect(await operations.create(operation('fw-2', 'd1', { moInstance: 'fw' }))).toBe(false);
      expect(await operations.find('fw-2')).toBeUndefined();
      // Another instance, another kind, another device: each is free.
      expect(await operations.create(operation('fw-other', 'd1', { moInstance: 'fw2' }))).toBe(true);
      expect(
        await operations.create(operation('sw-1', 'd1', { moInstance: 'fw', kind: 'software-install' })),
      ).toBe(true);
      expect(await operations.create(operation('fw-d2', 'd2', { moInstance: 'fw' }))).toBe(true);
      expect((await operations.findActive('d1', 'firmware-update', 'fw'))?.id).toBe('fw-1');
      expect(await operations.findActive('d1', 'firmware-update', 'none')).toBeUndefined();
      // Every state that is not final holds the instance; a final one frees it.
      let holder = first;
      for (const state of OPERATION_STATES.filter((s) => !FINAL_OPERATION_STATES.includes(s))) {
        holder = { ...holder, version: holder.version + 1, state };
        expect(await operations.update(holder)).toBe(true);
        const again = operation(`held-${state}`, 'd1', { moInstance: 'fw' });
        expect(await operations.create(again), state).toBe(false);
      }
      expect(await operations.update({ ...holder, version: holder.version + 1, state: 'failed' })).toBe(true);
      expect(await operations.findActive('d1', 'firmware-update', 'fw')).toBeUndefined();
      expect(await operations.create(operation('fw-3', 'd1', { moInstance: 'fw' }))).toBe(true);
      expect((await operations.findActive('d1', 'firmware-update', 'fw'))?.id).toBe('fw-3');
    });

    it('racing creates on one instance: exactly one is stored', async () => {
      await seedDevices('d1');
      const { operations } = store();
      const ids = ['r1', 'r2', 'r3', 'r4', 'r5'];
      const results = await Promise.all(
        ids.map((id) => operations.create(operation(id, 'd1', { moInstance: 'fw' }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await operations.listByDevice('d1', 10);
      expect(stored.map((o) => o.id)).toEqual([ids[results.indexOf(true)]]);
    });

    it('removing the device removes its operations', async () => {
      await seedDevices('d1', 'd2');
      await store().operations.create(operation('o1', 'd1'));
      await store().operations.create(operation('o2', 'd2'));
      expect(await store().devices.remove('d1')).toBe(true);
      expect(await store().operations.find('o1')).toBeUndefined();
      expect(await store().operations.listByDevice('d1', 10)).toEqual([]);
      expect(await store().operations.isArtifactInUse('art-1')).toBe(true);
      expect((await store().operations.listActive(10)).map((o) => o.id)).toEqual(['o2']);
    });
  });
}
