// The console's reads of a device's stored tree: the tree with its meta-data, and the dry run of a
// command against it. `extraMetadata` gives the imported meta-data documents (domain/metadata).
import type { DeviceTree, DryRunResult, QueueCommandInput } from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { Store } from '../../persistence/ports';
import { dryRunForDevice } from './dry-run.service';
import { getDeviceTree } from './tree.service';

export interface TreeReadService {
  get(devId: string): Promise<DeviceTree>;
  dryRun(devId: string, input: QueueCommandInput): Promise<DryRunResult>;
}

export function createTreeReadService(
  store: Store,
  deps: { extraMetadata: () => Promise<readonly MoMetadata[]> },
): TreeReadService {
  return {
    async get(devId) {
      return getDeviceTree(store, devId, await deps.extraMetadata());
    },
    async dryRun(devId, input) {
      return dryRunForDevice(store, devId, input, await deps.extraMetadata());
    },
  };
}
