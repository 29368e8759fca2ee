// What the handlers of the operation table call: the domain services, plus the few settings of the
// HTTP edge. createApp builds it once; each handler takes the services it needs.
import type { AlertService } from '../domain/alerts/alert.service';
import type { ArtifactService } from '../domain/artifacts/artifact.service';
import type { AuditService } from '../domain/audit/audit.service';
import type { AuthService } from '../domain/auth/auth.service';
import type { ApiTokenService } from '../domain/auth/api-token.service';
import type { OwnSessionsService } from '../domain/auth/own-sessions.service';
import type { CampaignService } from '../domain/campaigns/campaign.service';
import type { UserAdminService } from '../domain/auth/user-admin.service';
import type { CommandRetry } from '../domain/commands/command-retry';
import type { CommandService } from '../domain/commands/command.service';
import type { DeviceService } from '../domain/devices/device.service';
import type { MetadataService } from '../domain/metadata/metadata.service';
import type { NotificationService } from '../domain/notify/notification.service';
import type { OperationService } from '../domain/operations/operation.service';
import type { RefusalService } from '../domain/refusals/refusal.service';
import type { SessionService } from '../domain/sessions/session.service';
import type { StatsService } from '../domain/stats/stats.service';
import type { TreeReadService } from '../domain/tree/tree-read.service';
import type { PageTemplateService } from '../domain/page-templates/page-template.service';
import type { ProfileService } from '../domain/profiles/profile.service';
import type { SavedViewService } from '../domain/views/saved-view.service';
import type { Metrics } from '../observability/metrics';
import type { Readiness } from '../observability/readiness';

export interface ApiServices {
  auth: AuthService;
  users: UserAdminService;
  /** The caller's own console sessions. */
  ownSessions: OwnSessionsService;
  apiTokens: ApiTokenService;
  devices: DeviceService;
  trees: TreeReadService;
  metadata: MetadataService;
  commands: CommandService;
  commandRetry: CommandRetry;
  sessions: SessionService;
  refusals: RefusalService;
  pageTemplates: PageTemplateService;
  notifications: NotificationService;
  alerts: AlertService;
  stats: StatsService;
  artifacts: ArtifactService;
  operations: OperationService;
  campaigns: CampaignService;
  /** Saved views of the device list. */
  views: SavedViewService;
  /** Configuration profiles (protocol §14). */
  profiles: ProfileService;
  audit: AuditService;
  readiness: Readiness;
  metrics: Metrics;
  http: {
    /** Mark the session cookie Secure (the public URL is https). */
    secureCookie: boolean;
    /** Bearer token for /metrics (DMC_METRICS_TOKEN); without it, loopback requests only. */
    metricsToken: string | undefined;
    /** The serialized OpenAPI document, built once at start. */
    openApiJson: string;
    /** The serialized AsyncAPI document of the live events, built once at start. */
    asyncApiJson: string;
  };
}
