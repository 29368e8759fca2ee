import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Repositories, Store } from './ports';
import { KyselyAlertRepository } from './kysely/alert-repository';
import { KyselyArtifactRepository } from './kysely/artifact-repository';
import { KyselyAuditRepository } from './kysely/audit-repository';
import { KyselyCampaignDeviceRepository } from './kysely/campaign-device-repository';
import { KyselyCampaignRepository } from './kysely/campaign-repository';
import { KyselyCommandRepository } from './kysely/command-repository';
import type { Engine } from './kysely/dialect';
import { KyselyDeviceRepository } from './kysely/device-repository';
import { KyselyDrObjectRepository } from './kysely/dr-object-repository';
import { KyselyFleetStatsRepository } from './kysely/fleet-stats-repository';
import { KyselyInboxRepository } from './kysely/inbox-repository';
import { KyselyLeaseRepository } from './kysely/lease-repository';
import { KyselyMetadataRepository } from './kysely/metadata-repository';
import { KyselyAuthFailureRepository } from './kysely/auth-failure-repository';
import { KyselyNonceRepository } from './kysely/nonce-repository';
import { KyselyNotificationRepository } from './kysely/notification-repository';
import { KyselyOperationRepository } from './kysely/operation-repository';
import { KyselyPageTemplateRepository } from './kysely/page-template-repository';
import { KyselyProfileRepository } from './kysely/profile-repository';
import { KyselyRefusalRepository } from './kysely/refusal-repository';
import { KyselySessionLogRepository } from './kysely/session-log-repository';
import type { Database } from './kysely/schema';
import { KyselySessionRepository } from './kysely/session-repository';
import { KyselySettingsRepository } from './kysely/settings-repository';
import { KyselyCredentialRepository } from './kysely/credential-repository';
import { KyselyApiTokenRepository } from './kysely/token-repository';
import { KyselyTreeRepository } from './kysely/tree-repository';
import { KyselyTreeHistoryRepository } from './kysely/tree-history-repository';
import { KyselyDevicePageRepository } from './kysely/device-page-repository';
import { KyselyUserRepository } from './kysely/user-repository';
import { KyselySavedViewRepository } from './kysely/saved-view-repository';
import { retryConflicts } from './transaction-retry';

/** A settings key never read: the write probe's row, rolled back at once. */
const WRITE_PROBE_KEY = 'write-probe';
/** More than a page, so the probe needs space the database has not yet got. */
const WRITE_PROBE_BYTES = 64 * 1024;

class ProbeRolledBack extends Error {}

/** Every repository bound to `db`, which is the whole database or one transaction. */
export function createKyselyRepositories(db: Kysely<Database>, engine: Engine): Repositories {
  return {
    users: new KyselyUserRepository(db, engine),
    tokens: new KyselyApiTokenRepository(db),
    settings: new KyselySettingsRepository(db, engine),
    devices: new KyselyDeviceRepository(db, engine),
    credentials: new KyselyCredentialRepository(db),
    tree: new KyselyTreeRepository(db, engine),
    treeHistory: new KyselyTreeHistoryRepository(db, engine),
    sessions: new KyselySessionRepository(db, engine),
    commands: new KyselyCommandRepository(db, engine),
    alerts: new KyselyAlertRepository(db),
    drObjects: new KyselyDrObjectRepository(db),
    inboxes: new KyselyInboxRepository(db),
    nonces: new KyselyNonceRepository(db),
    authFailures: new KyselyAuthFailureRepository(db),
    pageTemplates: new KyselyPageTemplateRepository(db),
    devicePages: new KyselyDevicePageRepository(db),
    notifications: new KyselyNotificationRepository(db, engine),
    artifacts: new KyselyArtifactRepository(db),
    operations: new KyselyOperationRepository(db),
    leases: new KyselyLeaseRepository(db),
    stats: new KyselyFleetStatsRepository(db),
    metadata: new KyselyMetadataRepository(db),
    refusals: new KyselyRefusalRepository(db),
    sessionLog: new KyselySessionLogRepository(db),
    audit: new KyselyAuditRepository(db, engine),
    campaigns: new KyselyCampaignRepository(db),
    campaignDevices: new KyselyCampaignDeviceRepository(db, engine),
    savedViews: new KyselySavedViewRepository(db),
    profiles: new KyselyProfileRepository(db, engine),
  };
}

/**
 * The Store over an open, migrated Kysely instance. On SQLite there is one connection: inside
 * `transaction`, use only the repositories it passes in (the store's own would wait for it). A
 * transaction that loses a deadlock or serialization conflict runs again (`transaction-retry.ts`).
 */
export function createKyselyStore(db: Kysely<Database>, engine: Engine): Store {
  return {
    engine,
    ...createKyselyRepositories(db, engine),
    transaction: <T>(work: (repos: Repositories) => Promise<T>): Promise<T> =>
      retryConflicts(() => db.transaction().execute((trx) => work(createKyselyRepositories(trx, engine)))),
    ping: async (): Promise<void> => {
      await sql`select 1`.execute(db);
    },
    probeWrite: async (): Promise<void> => {
      const value = 'x'.repeat(WRITE_PROBE_BYTES);
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('settings')
            .values({ key: WRITE_PROBE_KEY, value })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
            .execute();
          throw new ProbeRolledBack();
        });
      } catch (error) {
        if (!(error instanceof ProbeRolledBack)) throw error;
      }
    },
    close: (): Promise<void> => db.destroy(),
  };
}
