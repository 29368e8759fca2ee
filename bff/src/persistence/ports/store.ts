// The store: every repository, bound to one connection or transaction, plus transactions.
import type { AlertRepository } from './alerts';
import type { ArtifactRepository } from './artifacts';
import type { AuthFailureRepository } from './auth-failures';
import type { AuditRepository } from './audit';
import type { CampaignDeviceRepository, CampaignRepository } from './campaigns';
import type { CommandRepository } from './commands';
import type { CredentialRepository } from './credentials';
import type { DeviceRepository } from './devices';
import type { DrObjectRepository, InboxRepository } from './dr';
import type { MetadataRepository } from './metadata';
import type { NotificationRepository } from './notifications';
import type { OperationRepository } from './operations';
import type { PageTemplateRepository, DevicePageRepository } from './pages';
import type { ProfileRepository } from './profiles';
import type { RefusalRepository } from './refusals';
import type { SessionRepository } from './sessions';
import type { SessionLogRepository } from './session-log';
import type { LeaseRepository, SettingsRepository } from './settings';
import type { FleetStatsRepository } from './stats';
import type { TreeRepository } from './tree';
import type { TreeHistoryRepository } from './tree-history';
import type { ApiTokenRepository, NonceRepository, UserRepository } from './users';
import type { SavedViewRepository } from './views';

/**
 * The database cannot be reached (connection refused, dropped, or refusing connections). Requests
 * that hit it get 503 and may be retried; nothing was decided.
 */
export class StoreUnavailableError extends Error {
  override readonly name: string = 'StoreUnavailableError';
}

/**
 * The database cannot write: its disk is full (SQLITE_FULL, PostgreSQL 53100 disk_full) or it
 * reached its size cap. Nothing was decided; requests get 503 and /readyz fails until a write
 * succeeds again.
 */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
}

/** Every repository, bound to one connection or transaction. */
export interface Repositories {
  users: UserRepository;
  tokens: ApiTokenRepository;
  settings: SettingsRepository;
  devices: DeviceRepository;
  /** Key-dependent device credentials, rewritten when the secret key changes. */
  credentials: CredentialRepository;
  tree: TreeRepository;
  /** Every change to the stored trees, with its cause (protocol §13). */
  treeHistory: TreeHistoryRepository;
  sessions: SessionRepository;
  commands: CommandRepository;
  alerts: AlertRepository;
  drObjects: DrObjectRepository;
  inboxes: InboxRepository;
  nonces: NonceRepository;
  /** Failed sign-ins and wrong device credentials per key (protocol §7, §10). */
  authFailures: AuthFailureRepository;
  pageTemplates: PageTemplateRepository;
  devicePages: DevicePageRepository;
  notifications: NotificationRepository;
  artifacts: ArtifactRepository;
  operations: OperationRepository;
  leases: LeaseRepository;
  stats: FleetStatsRepository;
  metadata: MetadataRepository;
  /** Refused contacts of registered devices. */
  refusals: RefusalRepository;
  /** Packages of DM sessions, redacted, for the session inspector (profile §13). */
  sessionLog: SessionLogRepository;
  /** The hash-chained audit log: appended to, never changed. */
  audit: AuditRepository;
  /** Campaigns and their waves (protocol §11). */
  campaigns: CampaignRepository;
  /** Each device's part in a campaign, and the batched reads that judge devices. */
  campaignDevices: CampaignDeviceRepository;
  /** Saved views of the device list, shared by the team. */
  savedViews: SavedViewRepository;
  /** Configuration profiles and each matching device's state in them (protocol §14). */
  profiles: ProfileRepository;
}

/** The store: repositories plus transactions. Implemented for SQLite and PostgreSQL. */
export interface Store extends Repositories {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws.
   * A transaction that loses a deadlock or serialization conflict (PostgreSQL SQLSTATE 40P01, 40001)
   * is rolled back and `work` runs again, a few times with a random pause, before the caller gets a
   * StoreUnavailableError (503). So `work` may run more than once: it must change nothing outside
   * the repositories it is given, and hand what it gathered (e.g. live events) back in its result.
   * Take row locks in the order ARCHITECTURE.md gives ("Lock order"): the device, its session, commands.
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Cheap liveness check of the database. */
  ping(): Promise<void>;
  /**
   * Whether the database can take a write now: writes a row of some kilobytes in a transaction that
   * is rolled back, so nothing is kept. Rejects (StoreFullError when the disk is full) otherwise.
   */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}
