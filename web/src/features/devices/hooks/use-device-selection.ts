import { useCallback, useMemo } from 'react';
import type { DeviceListParams } from '../../../lib/queries/devices';
import type { TableSelection } from '../components/device-table';
import { useDeviceSelection, useDeviceSelectionStore } from '../stores/device-selection-store';

/** The selection of the list `params` shows, with the table's handlers over the loaded rows. */
export function useDeviceTableSelection(params: DeviceListParams, loadedIds: readonly string[]) {
  const scope = `${params.q}\n${params.query}`;
  const { ids, allMatching } = useDeviceSelection(scope);
  const toggle = useDeviceSelectionStore((s) => s.toggle);
  const setMany = useDeviceSelectionStore((s) => s.setMany);
  const only = useDeviceSelectionStore((s) => s.only);
  const selectAllMatching = useDeviceSelectionStore((s) => s.selectAllMatching);
  const clear = useDeviceSelectionStore((s) => s.clear);

  const selectedLoaded = useMemo(() => loadedIds.filter((id) => ids.has(id)).length, [loadedIds, ids]);
  const loaded: TableSelection['loaded'] =
    loadedIds.length > 0 && (allMatching || selectedLoaded === loadedIds.length)
      ? 'all'
      : selectedLoaded > 0
        ? 'some'
        : 'none';

  const onToggle = useCallback(
    (devId: string) => {
      if (!allMatching) return toggle(scope, devId);
      // Leaving "all that match" for the loaded rows, less the one unticked.
      only(
        scope,
        loadedIds.filter((id) => id !== devId),
      );
    },
    [allMatching, toggle, only, scope, loadedIds],
  );
  const onToggleLoaded = useCallback(() => {
    if (loaded === 'all') clear();
    else setMany(scope, loadedIds, true);
  }, [loaded, clear, setMany, scope, loadedIds]);

  const selection: TableSelection = {
    isSelected: (devId) => allMatching || ids.has(devId),
    onToggle,
    loaded,
    onToggleLoaded,
  };
  return {
    selection,
    ids,
    allMatching,
    count: ids.size,
    selectAllMatching: () => selectAllMatching(scope),
    clear,
  };
}
