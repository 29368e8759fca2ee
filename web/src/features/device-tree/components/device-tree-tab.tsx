import { useEffect, useMemo, useState } from 'react';
import { Box, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ui/error-state';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { deviceTreeQueryOptions } from '../../../lib/queries/device-tree';
import { treeAsOfQueryOptions, treeHistoryKeys } from '../../../lib/queries/tree-history';
import { useRecentTreeChanges } from '../hooks/use-recent-tree-changes';
import type { RecentChanges } from '../lib/recent-changes';
import { explorerRows, type ExplorerRow } from '../lib/explorer-rows';
import { refFromUri, refKey, refUri } from '../lib/node-ref';
import { nodeKey } from '../lib/tree-model';
import { FilterInput } from './filter-input';
import { AsOfBanner } from './history/as-of-banner';
import { CompareModal } from './history/compare-modal';
import { HistoryBar } from './history/history-bar';
import { InstanceJsonModal } from './json-view/instance-json-modal';
import { NodeDetails } from './node-details';
import { StagedChangesButton } from './staged/staged-changes-button';
import { StagedChangesDrawer } from './staged/staged-changes-drawer';
import { TreeExplorer } from './tree-explorer';
import { EmptyState } from '../../../components/ui/empty-state';

// The page header and tabs sit above; both panes fill the rest of a 850 px tall window.
const PANE_HEIGHT = 'max(420px, calc(100vh - 400px))';

function ancestorKeys(row: { moid: string; miid: string; path: string }): string[] {
  const segments = row.path === '' ? [] : row.path.split('/');
  return segments.map((_, i) => nodeKey(row.moid, row.miid, segments.slice(0, i).join('/')));
}

/** The device's management tree: explorer on the left, the selected node on the right (ux: device page). */
export function DeviceTreeTab({ devId }: { devId: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  // `at` in the URL: the tree as it was then (protocol §13), read-only.
  const asOf = searchParams.get('at') ?? undefined;
  const live = useQuery({ ...deviceTreeQueryOptions(devId), enabled: asOf === undefined });
  const past = useQuery({ ...treeAsOfQueryOptions(devId, asOf ?? ''), enabled: asOf !== undefined });
  const { data, error, isPending } = asOf === undefined ? live : past;
  const liveChanges = useRecentTreeChanges(devId);
  const changes = useMemo<RecentChanges>(
    () => (asOf === undefined ? liveChanges : new Map()),
    [asOf, liveChanges],
  );
  // A live change adds to the history: its change times and node histories are read again.
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: treeHistoryKeys.device(devId) });
  }, [queryClient, devId, liveChanges]);
  const mayOperate = useCanOperate();
  const canOperate = mayOperate && asOf === undefined;
  const [isCompareOpen, setIsCompareOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [isDrawerOpen, setIsDrawerOpen] = useState(false);
  const [jsonKey, setJsonKey] = useState<string>();

  const instances = useMemo(() => data?.instances ?? [], [data]);
  const rows = useMemo(() => explorerRows(instances, collapsed, filter), [instances, collapsed, filter]);
  const allRows = useMemo(
    () => new Map(explorerRows(instances, new Set(), '').map((r) => [r.key, r])),
    [instances],
  );
  const nodeParam = searchParams.get('node');
  const selectedRef = nodeParam === null ? undefined : refFromUri(nodeParam, instances);
  const selectedKey = selectedRef && refKey(selectedRef);
  const selected = selectedKey === undefined ? undefined : allRows.get(selectedKey);

  // A newly selected node (e.g. from an alert's link) is revealed: its ancestors open. Adjusted while
  // rendering, so the explorer never shows the node hidden first.
  const [revealedKey, setRevealedKey] = useState<string>();
  if (selectedKey !== revealedKey) {
    setRevealedKey(selectedKey);
    const hidden = selectedRef ? ancestorKeys(selectedRef) : [];
    if (hidden.some((k) => collapsed.has(k)))
      setCollapsed(new Set([...collapsed].filter((k) => !hidden.includes(k))));
  }

  const select = (row: ExplorerRow) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('node', refUri(row));
        return next;
      },
      { replace: true },
    );
  const showAsOf = (at: string | undefined) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (at === undefined) next.delete('at');
        else next.set('at', at);
        return next;
      },
      { replace: true },
    );
  const history = (
    <Stack gap="sm">
      <HistoryBar devId={devId} asOf={asOf} onAsOf={showAsOf} onCompare={() => setIsCompareOpen(true)} />
      {asOf !== undefined && (
        <AsOfBanner
          asOf={data?.asOf ?? asOf}
          horizon={data?.horizon}
          complete={data?.complete}
          onLive={() => showAsOf(undefined)}
        />
      )}
      <CompareModal
        key={asOf ?? 'live'}
        devId={devId}
        opened={isCompareOpen}
        onClose={() => setIsCompareOpen(false)}
        initialFrom={asOf}
      />
    </Stack>
  );
  const toggle = (key: string, expand: boolean) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (expand) next.delete(key);
      else next.add(key);
      return next;
    });

  if (isPending) {
    return (
      <Stack gap="sm">
        {history}
        <Group align="stretch" gap="md" wrap="nowrap">
          <Skeleton height={440} radius="md" style={{ flex: 3 }} />
          <Skeleton height={440} radius="md" style={{ flex: 2 }} />
        </Group>
      </Stack>
    );
  }
  if (error)
    return (
      <Stack gap="sm">
        {history}
        <ErrorState error={error} title="Could not load the tree" />
      </Stack>
    );
  if (instances.length === 0) {
    return (
      <Stack gap="sm">
        {asOf !== undefined && history}
        <EmptyState>
          {asOf === undefined
            ? 'The device has not reported any management objects yet. They appear after its first session.'
            : 'The device had no stored nodes at that time.'}
        </EmptyState>
      </Stack>
    );
  }
  const jsonInstance = instances.find((i) => jsonKey === nodeKey(i.moid, i.miid, ''));

  return (
    <Stack gap="sm">
      {history}
      <Group justify="space-between">
        <FilterInput value={filter} onChange={setFilter} />
        {canOperate && <StagedChangesButton devId={devId} onClick={() => setIsDrawerOpen(true)} />}
      </Group>
      <Group align="stretch" gap="md" wrap="nowrap">
        <Paper withBorder radius="md" p={4} style={{ flex: 3, minWidth: 0, height: PANE_HEIGHT }}>
          <TreeExplorer
            rows={rows}
            changes={changes}
            selectedKey={selectedKey}
            onSelect={select}
            onToggle={toggle}
          />
        </Paper>
        <Box style={{ flex: 2, minWidth: 0, height: PANE_HEIGHT }}>
          {selected ? (
            <NodeDetails
              devId={devId}
              row={selected}
              change={changes.get(selected.key)}
              canOperate={canOperate}
              asOf={asOf}
              onOpenJson={() => setJsonKey(nodeKey(selected.moid, selected.miid, ''))}
            />
          ) : (
            <Paper withBorder radius="md" p="xl" h="100%">
              <Text c="dimmed" size="sm" ta="center">
                Select a node to see its value and meta-data. Arrows move through the tree, Enter selects, /
                filters.
              </Text>
            </Paper>
          )}
        </Box>
      </Group>
      {canOperate && (
        <StagedChangesDrawer devId={devId} opened={isDrawerOpen} onClose={() => setIsDrawerOpen(false)} />
      )}
      <InstanceJsonModal
        devId={devId}
        instance={jsonInstance}
        readOnly={!canOperate}
        onClose={() => setJsonKey(undefined)}
        onStaged={() => {
          setJsonKey(undefined);
          setIsDrawerOpen(true);
        }}
      />
    </Stack>
  );
}
