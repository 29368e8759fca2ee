import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { ChevronDown, ChevronRight, Lock, Play } from 'lucide-react';
import type { CSSProperties } from 'react';
import type { NodeChange } from '../lib/recent-changes';
import type { ExplorerRow as Row } from '../lib/explorer-rows';
import { FormatIcon } from './format-icon';

type ExplorerRowProps = {
  row: Row;
  id: string;
  isActive: boolean;
  isSelected: boolean;
  change: NodeChange | undefined;
  style: CSSProperties;
  onClick: () => void;
  onToggle: () => void;
};

const ROW_STYLE: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 6,
  paddingRight: 8,
  cursor: 'pointer',
  whiteSpace: 'nowrap',
  borderRadius: 4,
};

function background(isSelected: boolean, isActive: boolean): string | undefined {
  if (isSelected) return 'var(--mantine-primary-color-light)';
  return isActive ? 'var(--mantine-color-default-hover)' : undefined;
}

/** One line of the explorer: chevron, format icon, name, value (or old → new), access hints. */
export function ExplorerRow({
  row,
  id,
  isActive,
  isSelected,
  change,
  style,
  onClick,
  onToggle,
}: ExplorerRowProps) {
  const format = row.meta?.Format ?? row.node?.format ?? 'node';
  const isLeaf = format !== 'node';
  const access = row.meta?.AccessType;
  const Chevron = row.isExpanded ? ChevronDown : ChevronRight;
  return (
    <div
      id={id}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={isSelected}
      aria-expanded={row.hasChildren ? row.isExpanded : undefined}
      aria-label={row.name}
      data-testid="tree-node"
      data-path={row.path}
      data-changed={change ? 'true' : undefined}
      className={change ? 'dmc-flash' : undefined}
      onClick={onClick}
      style={{
        ...style,
        ...ROW_STYLE,
        paddingLeft: 6 + row.depth * 16,
        background: background(isSelected, isActive),
        outline: isActive ? '1px solid var(--mantine-primary-color-filled)' : undefined,
        outlineOffset: -1,
      }}
    >
      <span
        aria-hidden
        style={{ width: 14, display: 'inline-flex', visibility: row.hasChildren ? 'visible' : 'hidden' }}
        onClick={(e) => {
          e.stopPropagation();
          onToggle();
        }}
      >
        <Chevron size={14} />
      </span>
      <FormatIcon format={format} isOpen={row.isExpanded} />
      <Text component="span" size="sm" fw={row.depth === 0 ? 600 : isLeaf ? 400 : 500} truncate>
        {row.name}
      </Text>
      {row.depth === 0 && (
        <Text component="span" size="xs" c="dimmed" ff="monospace" truncate>
          {row.moid}
        </Text>
      )}
      {change ? (
        <Group gap={4} wrap="nowrap" ml="auto" data-testid="node-change" style={{ minWidth: 0 }}>
          <Text component="s" size="xs" ff="monospace" c="dimmed" truncate>
            {change.oldValue ?? '—'}
          </Text>
          <Text component="span" size="xs" aria-label="changed to">
            →
          </Text>
          <Text component="span" size="xs" ff="monospace" fw={600} truncate>
            {change.deleted ? 'deleted' : (change.newValue ?? '—')}
          </Text>
        </Group>
      ) : (
        isLeaf && (
          <Text
            component="span"
            size="xs"
            ff="monospace"
            c="dimmed"
            ml="auto"
            truncate
            title={row.node?.value ?? ''}
          >
            {row.node?.value ?? ''}
          </Text>
        )
      )}
      <Group gap={2} wrap="nowrap" ml={isLeaf || change ? 0 : 'auto'} style={{ flexShrink: 0 }}>
        {access?.includes('Exec') && (
          <Tooltip label="Executable" openDelay={400}>
            <Play size={12} aria-label="executable" opacity={0.7} />
          </Tooltip>
        )}
        {isLeaf && access && !access.includes('Replace') && (
          <Tooltip label="Read-only" openDelay={400}>
            <Lock size={12} aria-label="read-only" opacity={0.55} />
          </Tooltip>
        )}
        {row.meta?.Scope === 'Dynamic' && (
          <Badge size="xs" variant="light" color="grape" radius="sm">
            dyn
          </Badge>
        )}
      </Group>
    </div>
  );
}
