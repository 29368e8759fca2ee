import { describe, expect, it } from 'vitest';
import type { Device, DevicePage } from '@dmc/shared/api';
import type { DevicePages } from '../queries/devices';
import { device as fixtureDevice } from '../../test/fixtures';
import { isNewerThanList, labelsMatter, removeDeviceFromPages, replaceDeviceInPages } from './devices';

const device = (devId: string, online = false): Device => fixtureDevice({ devId, online });
const page = (ids: string[], total: number): DevicePage => ({
  items: ids.map((id) => device(id)),
  nextCursor: null,
  total,
});
const pages = (): DevicePages => ({
  pages: [page(['a', 'b'], 3), page(['c'], 3)],
  pageParams: [undefined, 'x'],
});

describe('replaceDeviceInPages', () => {
  it('replaces the row in whichever page holds it', () => {
    const { data, found } = replaceDeviceInPages(pages(), device('c', true));
    expect(found).toBe(true);
    expect(data.pages[1]?.items[0]?.online).toBe(true);
    expect(data.pages[0]?.items.map((d) => d.devId)).toEqual(['a', 'b']);
  });
  it('reports a device no page holds and leaves the data as it was', () => {
    const before = pages();
    const { data, found } = replaceDeviceInPages(before, device('z', true));
    expect(found).toBe(false);
    expect(data).toBe(before);
  });
});

describe('removeDeviceFromPages', () => {
  it('drops the row and lowers the total on every page', () => {
    const data = removeDeviceFromPages(pages(), 'b');
    expect(data.pages[0]?.items.map((d) => d.devId)).toEqual(['a']);
    expect(data.pages.map((p) => p.total)).toEqual([2, 2]);
  });
  it('keeps the total when the device was not cached', () => {
    const data = removeDeviceFromPages(pages(), 'z');
    expect(data.pages.map((p) => p.total)).toEqual([3, 3]);
  });
});

describe('isNewerThanList', () => {
  it('tells a device registered after the fetch from an older one', () => {
    const fetchedAt = Date.parse('2030-01-01T00:01:00.000Z');
    expect(isNewerThanList(device('a'), fetchedAt)).toBe(false);
    expect(isNewerThanList({ ...device('a'), createdAt: '2030-01-01T00:02:00.000Z' }, fetchedAt)).toBe(true);
  });
});

describe('labelsMatter', () => {
  const params = (query: string) => ({ q: '', query, sort: 'devId' as const, order: 'asc' as const });
  const relabelled = { ...device('b'), labels: ['canary'] };
  it('reads a list again when its fleet query selects by label and a listed device was relabelled', () => {
    expect(labelsMatter(pages(), relabelled, params('label = "canary"'))).toBe(true);
  });
  it('leaves lists alone when the labels did not change, the query ignores labels or the device is not listed', () => {
    expect(labelsMatter(pages(), device('b'), params('label = "canary"'))).toBe(false);
    expect(labelsMatter(pages(), relabelled, params('Mod = "x"'))).toBe(false);
    expect(labelsMatter(pages(), relabelled, params(''))).toBe(false);
    expect(labelsMatter(pages(), { ...relabelled, devId: 'z' }, params('label = "canary"'))).toBe(false);
  });
});
