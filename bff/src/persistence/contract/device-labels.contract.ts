// Label writes: one device's labels replaced, labels added to and removed from many devices at once
// (bulk work and campaigns), the 32-label bound, and both stored copies (the label filter reads
// device_labels, device views read devices.labels) kept in step.
import { describe, expect, it } from 'vitest';
import { LABEL_BATCH, type Store } from '../ports';
import { makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

/** Every device carrying `label`, through the list's label filter (device_labels). */
async function withLabel(store: Store, label: string): Promise<string[]> {
  const { items } = await store.devices.list({ label, sort: 'devId', order: 'asc', limit: 5000 });
  return items.map((d) => d.devId);
}

async function labelsOf(store: Store, devId: string): Promise<string[] | undefined> {
  return (await store.devices.find(devId))?.labels;
}

export function describeDeviceLabelsContract(name: string, open: OpenStore): void {
  describe(`${name}: DeviceRepository labels`, () => {
    const store = useFreshStore(open);

    it('replaceLabels sets the labels, sorted and once each, and both copies agree', async () => {
      await store().devices.create(makeDevice('d1', { labels: ['old', 'keep'] }));
      expect(await store().devices.replaceLabels('d1', ['zeta', 'alpha', 'keep', 'alpha'])).toBe(true);
      expect(await labelsOf(store(), 'd1')).toEqual(['alpha', 'keep', 'zeta']);
      expect(await withLabel(store(), 'old')).toEqual([]);
      expect(await withLabel(store(), 'zeta')).toEqual(['d1']);
      expect(await store().devices.replaceLabels('d1', [])).toBe(true);
      expect(await labelsOf(store(), 'd1')).toEqual([]);
      expect(await withLabel(store(), 'keep')).toEqual([]);
    });

    it('replaceLabels of an unknown device changes nothing and says so', async () => {
      expect(await store().devices.replaceLabels('ghost', ['a'])).toBe(false);
      expect(await withLabel(store(), 'a')).toEqual([]);
    });

    it('changeLabels removes, then adds, on every device named; unknown ones are in neither list', async () => {
      await store().devices.create(makeDevice('d1', { labels: ['north', 'lab'] }));
      await store().devices.create(makeDevice('d2', { labels: ['south'] }));
      await store().devices.create(makeDevice('d3', { labels: ['north'] }));
      const result = await store().devices.changeLabels(['d2', 'ghost', 'd1', 'd2'], {
        add: ['canary', 'lab'],
        remove: ['north', 'absent'],
      });
      expect(result).toEqual({ applied: ['d2', 'd1'], overLimit: [] });
      expect(await labelsOf(store(), 'd1')).toEqual(['canary', 'lab']);
      expect(await labelsOf(store(), 'd2')).toEqual(['canary', 'lab', 'south']);
      expect(await labelsOf(store(), 'd3')).toEqual(['north']);
      expect(await withLabel(store(), 'canary')).toEqual(['d1', 'd2']);
      expect(await withLabel(store(), 'north')).toEqual(['d3']);
      // The same change again changes nothing more.
      await store().devices.changeLabels(['d1', 'd2'], { add: ['canary', 'lab'], remove: ['north'] });
      expect(await labelsOf(store(), 'd2')).toEqual(['canary', 'lab', 'south']);
    });

    it('leaves a device unchanged when the change would take it over the bound', async () => {
      const full = Array.from({ length: 31 }, (_, i) => `l${String(i).padStart(2, '0')}`);
      await store().devices.create(makeDevice('full', { labels: full }));
      await store().devices.create(makeDevice('roomy', { labels: ['l00'] }));
      const tooMany = await store().devices.changeLabels(['full', 'roomy'], { add: ['x', 'y'], remove: [] });
      expect(tooMany).toEqual({ applied: ['roomy'], overLimit: ['full'] });
      expect(await labelsOf(store(), 'full')).toEqual(full);
      expect(await labelsOf(store(), 'roomy')).toEqual(['l00', 'x', 'y']);
      // Removing one makes room: removals count before additions; labels it has already count once.
      const swap = await store().devices.changeLabels(['full'], { add: ['x', 'y', 'l01'], remove: ['l00'] });
      expect(swap).toEqual({ applied: ['full'], overLimit: [] });
      expect(await labelsOf(store(), 'full')).toHaveLength(32);
      expect(await store().devices.changeLabels(['roomy'], { add: ['z'], remove: [] }, 3)).toEqual({
        applied: [],
        overLimit: ['roomy'],
      });
    });

    it('changes more devices than one batch holds', async () => {
      const count = LABEL_BATCH + 5;
      const devIds = Array.from({ length: count }, (_, i) => `bulk-${String(i).padStart(5, '0')}`);
      await store().transaction(async (repos) => {
        for (const devId of devIds) await repos.devices.create(makeDevice(devId, { labels: ['old'] }));
      });
      const added = await store().devices.changeLabels(devIds, { add: ['wave-1'], remove: ['old'] });
      expect(added.applied).toHaveLength(count);
      expect(await withLabel(store(), 'wave-1')).toEqual(devIds);
      expect(await withLabel(store(), 'old')).toEqual([]);
      expect(await labelsOf(store(), devIds.at(-1) ?? '')).toEqual(['wave-1']);
      const removed = await store().devices.changeLabels(devIds, { add: [], remove: ['wave-1'] });
      expect(removed.applied).toHaveLength(count);
      expect(await labelsOf(store(), devIds[0] ?? '')).toEqual([]);
    });
  });
}
