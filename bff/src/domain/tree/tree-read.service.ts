// The console's reads of a device's stored tree: the tree with its meta-data (now or as of a past
// time), its history (protocol §13), and the dry run of a command against it. `extraMetadata` gives
// the imported meta-data documents (domain/metadata).
import type {
  DeviceTree,
  DryRunResult,
  NodeHistory,
  NodeHistoryQuery,
  QueueCommandInput,
  TreeChangePoints,
  TreeDiff,
  TreeDiffQuery,
} from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { Store } from '../../persistence/ports';
import { systemClock, type Clock } from '../ports';
import { dryRunForDevice } from './dry-run.service';
import { changePoints, nodeHistory, treeAsOf, treeDiff } from './tree-history.service';
import { getDeviceTree } from './tree.service';

export interface TreeReadService {
  /** The current tree, or with `at` the tree as it was then. */
  get(devId: string, at?: Date): Promise<DeviceTree>;
  diff(devId: string, query: TreeDiffQuery): Promise<TreeDiff>;
  nodeHistory(devId: string, query: NodeHistoryQuery): Promise<NodeHistory>;
  changePoints(devId: string, limit: number): Promise<TreeChangePoints>;
  dryRun(devId: string, input: QueueCommandInput): Promise<DryRunResult>;
}

export function createTreeReadService(
  store: Store,
  deps: { extraMetadata: () => Promise<readonly MoMetadata[]>; clock?: Clock },
): TreeReadService {
  const clock = deps.clock ?? systemClock;
  return {
    async get(devId, at) {
      const extra = await deps.extraMetadata();
      return at ? treeAsOf(store, devId, at, extra) : getDeviceTree(store, devId, extra);
    },
    diff: (devId, query) => treeDiff(store, devId, query, clock.now()),
    nodeHistory: (devId, query) => nodeHistory(store, devId, query),
    changePoints: (devId, limit) => changePoints(store, devId, limit),
    async dryRun(devId, input) {
      return dryRunForDevice(store, devId, input, await deps.extraMetadata());
    },
  };
}
