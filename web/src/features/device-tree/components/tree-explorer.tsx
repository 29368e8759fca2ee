import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { NodeChange } from '../lib/recent-changes';
import type { ExplorerRow as Row } from '../lib/explorer-rows';
import { ExplorerRow } from './explorer-row';

const ROW_HEIGHT = 30;

type TreeExplorerProps = {
  rows: readonly Row[];
  changes: ReadonlyMap<string, NodeChange>;
  selectedKey: string | undefined;
  onSelect: (row: Row) => void;
  onToggle: (key: string, expand: boolean) => void;
};

const rowId = (index: number) => `tree-row-${index}`;

/**
 * The virtualized tree (ux: arrows move, expand and collapse; Enter selects). Focus stays on the tree
 * itself; the active row is announced through aria-activedescendant.
 */
export function TreeExplorer({ rows, changes, selectedKey, onSelect, onToggle }: TreeExplorerProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeKey, setActiveKey] = useState<string | undefined>(selectedKey);
  // eslint-disable-next-line react-hooks/incompatible-library -- rows are re-read on every render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const found = rows.findIndex((r) => r.key === activeKey);
  const activeIndex = found >= 0 ? found : rows.findIndex((r) => r.key === selectedKey);

  // A selection from outside (the URL, an alert's link) moves the keyboard cursor and centres the row;
  // a click or Enter leaves the scroll position alone.
  const selectedHere = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (selectedKey === undefined) return;
    setActiveKey(selectedKey);
    const index = rows.findIndex((r) => r.key === selectedKey);
    if (index >= 0 && selectedHere.current !== selectedKey)
      virtualizer.scrollToIndex(index, { align: 'center' });
    // Rows change on every live update; only a new selection scrolls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedKey]);

  const moveTo = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setActiveKey(row.key);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = rows[activeIndex];
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex < 0 ? 0 : activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex < 0 ? 0 : activeIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (!current?.hasChildren) break;
        if (current.isExpanded) moveTo(activeIndex + 1);
        else onToggle(current.key, true);
        break;
      case 'ArrowLeft':
        if (current?.hasChildren && current.isExpanded) onToggle(current.key, false);
        else if (current?.parentKey) moveTo(rows.findIndex((r) => r.key === current.parentKey));
        break;
      case 'Enter':
      case ' ':
        if (current) {
          selectedHere.current = current.key;
          onSelect(current);
        }
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md" ta="center">
        No node matches the filter.
      </Text>
    );
  }

  return (
    <div
      ref={scrollRef}
      role="tree"
      aria-label="Management tree"
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? rowId(activeIndex) : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (activeIndex < 0) moveTo(0);
      }}
      style={{ height: '100%', overflow: 'auto', outline: 'none', contain: 'strict' }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <ExplorerRow
              key={row.key}
              id={rowId(item.index)}
              row={row}
              isActive={item.index === activeIndex}
              isSelected={row.key === selectedKey}
              change={changes.get(row.key)}
              onClick={() => {
                selectedHere.current = row.key;
                setActiveKey(row.key);
                onSelect(row);
              }}
              onToggle={() => onToggle(row.key, !row.isExpanded)}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
