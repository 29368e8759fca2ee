import type { DryRunResult, QueueCommandInput } from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import { dryRunCommand } from '@dmc/shared/validation';
import type { Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';

/** What would go wrong if `input` were queued for the device, judged from its stored tree and meta-data. */
export async function dryRunForDevice(
  store: Store,
  devId: string,
  input: QueueCommandInput,
  extraMetadata: readonly MoMetadata[] = [],
): Promise<DryRunResult> {
  if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
  const [instances, nodes] = await Promise.all([
    store.tree.listInstances(devId),
    store.tree.listNodes(devId),
  ]);
  return dryRunCommand(input, { instances, nodes }, extraMetadata);
}
