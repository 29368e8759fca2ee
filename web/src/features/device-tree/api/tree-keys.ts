import type { QueueCommandInput } from '@dmc/shared/api';

export const treeKeys = {
  all: ['tree'] as const,
  device: (devId: string) => [...treeKeys.all, devId] as const,
  /** Dry runs sit under the device's tree, so a tree refetch re-checks them too. */
  dryRun: (devId: string, input: QueueCommandInput) => [...treeKeys.device(devId), 'dry-run', input] as const,
};
