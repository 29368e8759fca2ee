import { describe, expect, it } from 'vitest';
import type { TreeChangedEvent } from '@dmc/shared/events';
import { changeEntries, withoutExpired } from './recent-changes';
import { nodeKey } from './tree-model';

const MOID = 'urn:oma:mo:oma-fumo:1.0';
const event = (paths: string[], value: string): TreeChangedEvent => ({
  devId: 'd1',
  moid: MOID,
  miid: 'fw',
  changes: paths.map((path) => ({ path, oldValue: null, newValue: value, deleted: false })),
  source: { kind: 'command', id: 'c1' },
  at: '2030-01-01T00:00:00.000Z',
});
const key = (path: string) => nodeKey(MOID, 'fw', path);

describe('recent tree changes', () => {
  it('key each change by its node', () => {
    const entries = changeEntries(event(['A', 'B/C'], 'v'));
    expect(entries.map(([k, c]) => [k, c.newValue])).toEqual([
      [key('A'), 'v'],
      [key('B/C'), 'v'],
    ]);
  });

  it('expire an event’s entries, but keep a node that changed again since', () => {
    const first = changeEntries(event(['A', 'B'], 'one'));
    const second = changeEntries(event(['A'], 'two'));
    const shown = new Map([...first, ...second]);
    const afterFirst = withoutExpired(shown, first);
    expect([...afterFirst.keys()]).toEqual([key('A')]);
    expect(afterFirst.get(key('A'))?.newValue).toBe('two');
    expect(withoutExpired(afterFirst, second).size).toBe(0);
  });
});
