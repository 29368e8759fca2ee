// Judging a batch of devices against a campaign's action before it runs (protocol §11): incompatible
// with the artifact, already at its version, held by another campaign on the same MO, never reported
// the MO the action needs, or (for the preview) refused by the dry run of §8. Reads are batched: a few
// statements per batch of devices, whatever its size.
import type {
  CampaignAction,
  CampaignDeviceReason,
  PreviewVerdict,
  QueueCommandInput,
} from '@dmc/shared/api';
import { checkCompatibility, type ArtifactCompatibility } from '@dmc/shared/firmware';
import type { MoMetadata } from '@dmc/shared/metadata';
import { clientUrisOf, parseClientUri } from '@dmc/shared/protocol';
import { dryRunCommand } from '@dmc/shared/validation';
import type { CampaignDeviceFacts, CampaignDeviceRepository } from '../../persistence/ports';
import { actionMoid, commandInputOf, conflictKeyOf } from './campaign-action';

/** What a campaign's action is judged by. */
export interface ActionContext {
  /** The campaign itself is never "another campaign" ('' for a preview). */
  campaignId: string;
  action: CampaignAction;
  /** For firmware and software: the artifact's version and compatibility. */
  artifact: { version: string; compatible: ArtifactCompatibility | null } | null;
}

export interface DeviceVerdict {
  devId: string;
  verdict: PreviewVerdict;
  reason: CampaignDeviceReason | null;
  detail: string | null;
}

const VERDICT_OF: Partial<Record<CampaignDeviceReason, PreviewVerdict>> = {
  incompatible: 'incompatible',
  'already-compliant': 'compliant',
  busy: 'busy',
  'no-instance': 'would-fail',
  'dry-run': 'would-fail',
};

function verdict(devId: string, reason: CampaignDeviceReason, detail: string): DeviceVerdict {
  return { devId, verdict: VERDICT_OF[reason] ?? 'would-fail', reason, detail };
}

function moidsOf(input: QueueCommandInput): string[] {
  const moids = clientUrisOf(input.command as readonly (string | null)[]).flatMap(({ uri }) => {
    const parsed = parseClientUri(uri);
    return parsed.ok ? [parsed.value.moid] : [];
  });
  return [...new Set(moids)];
}

/** The dry run of a command for each device, from only the instances and nodes its URIs touch. */
async function dryRuns(
  repo: CampaignDeviceRepository,
  input: QueueCommandInput,
  devIds: readonly string[],
  extraMetadata: readonly MoMetadata[],
): Promise<Map<string, string>> {
  const moids = moidsOf(input);
  const [instances, nodes] = await Promise.all([
    repo.instancesOf(devIds, moids),
    repo.nodesOf(devIds, moids),
  ]);
  const trees = new Map(
    devIds.map((d) => [d, { instances: [] as typeof instances, nodes: [] as typeof nodes }]),
  );
  for (const i of instances) trees.get(i.devId)?.instances.push(i);
  for (const n of nodes) trees.get(n.devId)?.nodes.push(n);
  const problems = new Map<string, string>();
  for (const [devId, tree] of trees) {
    const result = dryRunCommand(input, tree, extraMetadata);
    const [first] = result.problems;
    if (!result.ok && first) problems.set(devId, first.message);
  }
  return problems;
}

/**
 * A verdict for each device of `facts` (the registered devices of one batch). `withDryRun` adds the
 * dry run of a command action (the preview; a campaign still tries such a device, as its stored tree
 * may be out of date).
 */
export async function judgeDevices(
  repo: CampaignDeviceRepository,
  context: ActionContext,
  facts: readonly CampaignDeviceFacts[],
  options: { withDryRun: boolean; extraMetadata: readonly MoMetadata[] },
): Promise<DeviceVerdict[]> {
  const { action, artifact } = context;
  const verdicts = new Map<string, DeviceVerdict>();
  const open = () => facts.filter((f) => !verdicts.has(f.devId));
  if (artifact !== null) {
    for (const f of facts) {
      const check = checkCompatibility({ Man: f.Man, Mod: f.Mod, HwV: f.HwV }, artifact.compatible);
      if (!check.compatible) verdicts.set(f.devId, verdict(f.devId, 'incompatible', check.reason));
      else if (action.kind === 'firmware-update' && f.FwV === artifact.version)
        verdicts.set(f.devId, verdict(f.devId, 'already-compliant', `DevInfo/FwV is already ${f.FwV}`));
    }
  }
  const key = conflictKeyOf(action);
  if (key !== null && open().length > 0) {
    const held = await repo.holders(
      open().map((f) => f.devId),
      key,
      context.campaignId,
    );
    for (const { devId, campaignName } of held)
      verdicts.set(devId, verdict(devId, 'busy', `campaign "${campaignName}" holds ${key}`));
  }
  const moid = actionMoid(action);
  if (moid !== null && open().length > 0) {
    const reported = new Set(
      (
        await repo.instancesOf(
          open().map((f) => f.devId),
          [moid],
        )
      ).map((i) => i.devId),
    );
    for (const f of open())
      if (!reported.has(f.devId))
        verdicts.set(f.devId, verdict(f.devId, 'no-instance', `the device never reported ${moid}`));
  }
  if (options.withDryRun && action.kind === 'command' && open().length > 0) {
    const problems = await dryRuns(
      repo,
      commandInputOf(action),
      open().map((f) => f.devId),
      options.extraMetadata,
    );
    for (const [devId, message] of problems) verdicts.set(devId, verdict(devId, 'dry-run', message));
  }
  return facts.map(
    (f) => verdicts.get(f.devId) ?? { devId: f.devId, verdict: 'run', reason: null, detail: null },
  );
}
