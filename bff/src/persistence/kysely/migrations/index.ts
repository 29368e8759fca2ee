import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Engine } from '../dialect';
import { initMigration } from './0001-init';
import { drAndNoncesMigration } from './0002-dr-and-nonces';
import { artifactsMigration } from './0003-artifacts';
import { pagesMigration } from './0004-pages';
import { notificationsMigration } from './0005-notifications';
import { operationsMigration } from './0006-operations';
import { alertAcksMigration } from './0007-alert-acks';
import { leasesMigration } from './0008-leases';
import { treeValueIndexMigration } from './0009-tree-value-index';
import { metadataDocumentsMigration } from './0010-metadata-documents';
import { deviceTextSearchMigration } from './0011-device-text-search';
import { deviceSearchTextMigration } from './0012-device-search-text';
import { commandDeliveriesMigration } from './0013-command-deliveries';
import { deviceRefusalsMigration } from './0014-device-refusals';
import { pushOutcomesMigration } from './0015-push-outcomes';
import { authFailuresMigration } from './0016-auth-failures';
import { auditLogMigration } from './0017-audit-log';
import { userAdminMigration } from './0018-user-admin';
import { sessionsAndApiTokensMigration } from './0019-sessions-and-api-tokens';
import { safeFirmwareMigration } from './0020-safe-firmware';
import { fleetCommandListMigration } from './0021-fleet-command-list';
import { campaignsMigration } from './0022-campaigns';
import { sessionPackagesMigration } from './0023-session-packages';
import { treeHistoryMigration } from './0024-tree-history';
import { calmAlertsMigration } from './0025-calm-alerts';
import { savedViewsMigration } from './0026-saved-views';
import { treeValueNumbersMigration } from './0027-tree-value-numbers';
import { profilesMigration } from './0028-profiles';

/** Migrations are compiled in (no file-system scan), keyed in the order they run. */
export function migrationProvider(engine: Engine): MigrationProvider {
  return {
    getMigrations: (): Promise<Record<string, Migration>> =>
      Promise.resolve({
        '0001-init': initMigration(engine),
        '0002-dr-and-nonces': drAndNoncesMigration(engine),
        '0003-artifacts': artifactsMigration(engine),
        '0004-pages': pagesMigration(engine),
        '0005-notifications': notificationsMigration(engine),
        '0006-operations': operationsMigration(engine),
        '0007-alert-acks': alertAcksMigration(engine),
        '0008-leases': leasesMigration(engine),
        '0009-tree-value-index': treeValueIndexMigration(),
        '0010-metadata-documents': metadataDocumentsMigration(engine),
        '0011-device-text-search': deviceTextSearchMigration(engine),
        '0012-device-search-text': deviceSearchTextMigration(engine),
        '0013-command-deliveries': commandDeliveriesMigration(engine),
        '0014-device-refusals': deviceRefusalsMigration(engine),
        '0015-push-outcomes': pushOutcomesMigration(),
        '0016-auth-failures': authFailuresMigration(engine),
        '0017-audit-log': auditLogMigration(engine),
        '0018-user-admin': userAdminMigration(),
        '0019-sessions-and-api-tokens': sessionsAndApiTokensMigration(engine),
        '0020-safe-firmware': safeFirmwareMigration(engine),
        '0021-fleet-command-list': fleetCommandListMigration(engine),
        '0022-campaigns': campaignsMigration(engine),
        '0023-session-packages': sessionPackagesMigration(engine),
        '0024-tree-history': treeHistoryMigration(engine),
        '0025-calm-alerts': calmAlertsMigration(engine),
        '0026-saved-views': savedViewsMigration(engine),
        '0027-tree-value-numbers': treeValueNumbersMigration(engine),
        '0028-profiles': profilesMigration(engine),
      }),
  };
}

/**
 * Brings the schema up to date. Kysely's Migrator holds a lock while it runs (a PostgreSQL
 * advisory lock), so instances starting together migrate once.
 */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'setup';
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
}
