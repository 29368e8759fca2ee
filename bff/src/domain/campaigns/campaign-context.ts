// What the campaign modules share: the store, the services they act through, and the one
// compare-and-set save of a campaign row (optimistic version, like operations).
import type { MoMetadata } from '@dmc/shared/metadata';
import type { CampaignRow, Store } from '../../persistence/ports';
import type { ArtifactService } from '../artifacts/artifact.service';
import type { CommandService } from '../commands/command.service';
import type { NotificationService } from '../notify/notification.service';
import type { OperationService } from '../operations/operation.service';
import type { Clock, EventPublisher } from '../ports';
import type { ActionContext } from './verdicts';

export interface CampaignDeps {
  clock: Clock;
  events: EventPublisher;
  commands: CommandService;
  operations: OperationService;
  notifications: Pick<NotificationService, 'wake'>;
  artifacts: Pick<ArtifactService, 'get'>;
  extraMetadata: () => readonly MoMetadata[];
  /** DMC_CAMPAIGN_APPROVAL=required: every campaign (not bulk work) needs a second admin. */
  approvalRequired: boolean;
}

export interface CampaignContext extends CampaignDeps {
  store: Store;
}

/** Writes `changes` if nobody changed the row since it was read; undefined when someone did. */
export async function saveCampaign(
  ctx: CampaignContext,
  row: CampaignRow,
  changes: Partial<CampaignRow>,
): Promise<CampaignRow | undefined> {
  const next = { ...row, ...changes, version: row.version + 1 };
  return (await ctx.store.campaigns.update(next)) ? next : undefined;
}

/** The artifact facts a firmware or software action is judged by; null for other actions. */
export async function actionContextOf(
  ctx: CampaignContext,
  campaignId: string,
  action: CampaignRow['action'],
): Promise<ActionContext> {
  if (action.kind !== 'firmware-update' && action.kind !== 'software-install')
    return { campaignId, action, artifact: null };
  const artifact = await ctx.artifacts.get(action.artifactId);
  return { campaignId, action, artifact: { version: artifact.version, compatible: artifact.compatible } };
}
