import type { OpenStore } from './fixtures';
import { describeAlertRepositoryContract } from './alert-repository.contract';
import { describeArtifactRepositoryContract } from './artifact-repository.contract';
import { describeAuditRepositoryContract } from './audit-repository.contract';
import { describeCampaignRepositoryContract } from './campaign-repository.contract';
import { describeClusterCoordinationContract } from './cluster-coordination.contract';
import { describeCommandRepositoryContract } from './command-repository.contract';
import { describeDeviceRepositoryContract } from './device-repository.contract';
import { describeDeviceLabelsContract } from './device-labels.contract';
import { describeCommandListContract } from './command-list.contract';
import { describeDeviceQueryContract } from './device-query.contract';
import { describeDrObjectRepositoryContract } from './dr-object-repository.contract';
import { describeFleetStatsRepositoryContract } from './fleet-stats-repository.contract';
import { describeInboxRepositoryContract } from './inbox-repository.contract';
import { describeMetadataRepositoryContract } from './metadata-repository.contract';
import { describeNonceRepositoryContract } from './nonce-repository.contract';
import { describePageTemplateRepositoryContract } from './page-template-repository.contract';
import { describeNotificationRepositoryContract } from './notification-repository.contract';
import { describeOperationRepositoryContract } from './operation-repository.contract';
import { describeRefusalRepositoryContract } from './refusal-repository.contract';
import { describeSessionRepositoryContract } from './session-repository.contract';
import { describeSettingsRepositoryContract } from './settings-repository.contract';
import { describeStoreContract } from './store.contract';
import { describeApiTokenRepositoryContract } from './token-repository.contract';
import { describeTreeRepositoryContract } from './tree-repository.contract';
import { describeDevicePageRepositoryContract } from './device-page-repository.contract';
import { describeUserRepositoryContract } from './user-repository.contract';

export type { OpenStore } from './fixtures';

/** Every persistence contract suite, each test on a store from `open`. */
export function describeAllPersistenceContracts(name: string, open: OpenStore): void {
  describeUserRepositoryContract(name, open);
  describeApiTokenRepositoryContract(name, open);
  describeSettingsRepositoryContract(name, open);
  describeDeviceRepositoryContract(name, open);
  describeDeviceQueryContract(name, open);
  describeDeviceLabelsContract(name, open);
  describeTreeRepositoryContract(name, open);
  describeSessionRepositoryContract(name, open);
  describeCommandRepositoryContract(name, open);
  describeCommandListContract(name, open);
  describeAlertRepositoryContract(name, open);
  describeDrObjectRepositoryContract(name, open);
  describeInboxRepositoryContract(name, open);
  describeNonceRepositoryContract(name, open);
  describePageTemplateRepositoryContract(name, open);
  describeDevicePageRepositoryContract(name, open);
  describeNotificationRepositoryContract(name, open);
  describeArtifactRepositoryContract(name, open);
  describeOperationRepositoryContract(name, open);
  describeFleetStatsRepositoryContract(name, open);
  describeMetadataRepositoryContract(name, open);
  describeRefusalRepositoryContract(name, open);
  describeAuditRepositoryContract(name, open);
  describeCampaignRepositoryContract(name, open);
  describeStoreContract(name, open);
  describeClusterCoordinationContract(name, open);
}
