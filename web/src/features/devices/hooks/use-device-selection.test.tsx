// @vitest-environment jsdom
// Row selection of the Devices page: per list, the header box over the loaded rows, and "all that
// match" left for the rows again when one is unticked.
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceListParams } from '../../../lib/queries/devices';
import { useDeviceSelectionStore } from '../stores/device-selection-store';
import { useDeviceTableSelection } from './use-device-selection';

const LIST: DeviceListParams = { q: '', query: 'Mod = "Sim-1"', sort: 'devId', order: 'asc' };
const LOADED = ['d1', 'd2', 'd3'];

afterEach(() => {
  cleanup();
  act(() => useDeviceSelectionStore.getState().clear());
});

function render(params: DeviceListParams = LIST) {
  return renderHook(({ p }) => useDeviceTableSelection(p, LOADED), { initialProps: { p: params } });
}

describe('useDeviceTableSelection', () => {
  it('ticks rows one by one and tells the header box all, some or none', () => {
    const { result } = render();
    expect(result.current.selection.loaded).toBe('none');
    act(() => result.current.selection.onToggle('d2'));
    expect([...result.current.ids]).toEqual(['d2']);
    expect(result.current.selection.loaded).toBe('some');
    act(() => result.current.selection.onToggleLoaded());
    expect(result.current.selection.loaded).toBe('all');
    expect(result.current.count).toBe(3);
    act(() => result.current.selection.onToggleLoaded());
    expect(result.current.count).toBe(0);
  });

  it('keeps a selection to the list it was made in', () => {
    const { result, rerender } = render();
    act(() => result.current.selection.onToggle('d1'));
    rerender({ p: { ...LIST, query: 'Mod = "Sim-2"' } });
    expect(result.current.count).toBe(0);
    expect(result.current.selection.isSelected('d1')).toBe(false);
  });

  it('selects every match, then falls back to the loaded rows less the one unticked', () => {
    const { result } = render();
    act(() => result.current.selection.onToggleLoaded());
    act(() => result.current.selectAllMatching());
    expect(result.current.allMatching).toBe(true);
    expect(result.current.selection.isSelected('d99')).toBe(true);
    act(() => result.current.selection.onToggle('d3'));
    expect(result.current.allMatching).toBe(false);
    expect([...result.current.ids]).toEqual(['d1', 'd2']);
  });
});
