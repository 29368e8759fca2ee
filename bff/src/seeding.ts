// The `./seeding` entry of @dmc/bff: fills a database in bulk before a server starts, for the
// development seeders and the benchmarks. It migrates the database through the server's own store
// opener and derives device credentials under the server's secret key (found as the server finds it),
// so seeded devices can hold DM sessions with any server on that database. Never used by the running
// server.
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { DevInfoSummary } from '@dmc/shared/api';
import { deriveDeviceCredentials } from './domain/auth/device-secrets';
import { openPostgresStore, openSqliteStore } from './persistence';
import {
  openBulkWriter,
  type BulkNode,
  type BulkProfile,
  type BulkProfileState,
} from './persistence/bulk-load';
import type { DeviceCredentials, ProfileRow } from './persistence/ports';
import { openSecretKey } from './secrets/secret-key';
import { SECRET_KEY_FORMAT, parseSecretKey } from './secrets/secret-key-format';

/** One node below an MO instance root ('' is the root). */
export type SeedNode = BulkNode;
/** A configuration profile as stored (protocol §14) and a device's state in it. */
export type SeedProfile = BulkProfile;
export type SeedProfileState = BulkProfileState;
export type { ProfileRow } from './persistence/ports';

/**
 * The database a server would use: its SQLite file, or a PostgreSQL URL; `secretKey` is the server's
 * DMC_SECRET_KEY (required with PostgreSQL; with SQLite, absent means secret.key beside the file).
 */
export type SeedTarget = ({ sqliteFile: string } | { databaseUrl: string }) & { secretKey?: string };

export interface SeedDevice {
  devId: string;
  /** The device's DM secret; null: credentials no device can present (devices that never connect). */
  secret: string | null;
  labels: readonly string[];
  pushUrl: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
  lastSeenAt: number | null;
  /** DevInfo as last reported (absent fields stay unknown); null: never reported. */
  devInfo: Partial<DevInfoSummary> | null;
  devInfoAt: number | null;
  /** Tree nodes, reported at lastSeenAt (or createdAt). */
  nodes: readonly SeedNode[];
}

/**
 * A command to queue as the command service would (protocol §8): state `queued`, no delivery yet,
 * expiring `ttlS` after `createdAt`. Only commands the service stores as given (no server-made URL
 * to fill in, so not EXEC); queuing one for a device without a push URL writes nothing else.
 */
export interface SeedCommand {
  id: string;
  devId: string;
  command: readonly string[];
  /** Epoch milliseconds. */
  createdAt: number;
  ttlS: number;
  /** Who queued it (a username); null when the server did. */
  createdBy: string | null;
}

export interface SeedStore {
  /** Inserts the devices that do not exist yet, with labels and nodes; returns their DevIDs. */
  insertDevices(devices: readonly SeedDevice[]): Promise<string[]>;
  /** MO instances with their nodes on a registered device. */
  insertTree(devId: string, nodes: readonly SeedNode[], reportedAt: number): Promise<void>;
  /** Queues commands in one transaction, in the order given; a device may have several. */
  queueCommands(commands: readonly SeedCommand[]): Promise<void>;
  /** A configuration profile (enabled, revision 1) and its devices' states, in one transaction. */
  insertProfile(profile: SeedProfile, states: readonly SeedProfileState[]): Promise<void>;
  /** Stores configuration profiles as the profile service would (protocol §14), through the store. */
  insertProfiles(profiles: readonly ProfileRow[]): Promise<void>;
  /** Refreshes the query planner's statistics; worth it after a large load. */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/** Migrates `target` (creating it if needed), opens its secret key and opens it for bulk loading. */
export async function openSeedStore(target: SeedTarget): Promise<SeedStore> {
  const configured = target.secretKey === undefined ? undefined : parseSecretKey(target.secretKey);
  if (target.secretKey !== undefined && configured === undefined)
    throw new Error(`DMC_SECRET_KEY must be ${SECRET_KEY_FORMAT}`);
  const open = () =>
    'databaseUrl' in target
      ? openPostgresStore({ url: target.databaseUrl })
      : openSqliteStore({ file: target.sqliteFile });
  const store = await open();
  let serverKey: Buffer;
  try {
    const dataDir = 'databaseUrl' in target ? process.cwd() : dirname(target.sqliteFile);
    serverKey = (await openSecretKey({ store, dataDir, configured })).key;
  } finally {
    await store.close();
  }
  const writer = openBulkWriter(target);
  let locked: DeviceCredentials | undefined;
  const credentials = (device: SeedDevice): DeviceCredentials =>
    device.secret === null
      ? (locked ??= deriveDeviceCredentials(
          serverKey,
          'seed',
          randomBytes(24).toString('base64url'),
          undefined,
        ))
      : deriveDeviceCredentials(serverKey, device.devId, device.secret, undefined);
  return {
    insertDevices: (devices) =>
      writer.insertDevices(devices.map((d) => ({ ...d, credentials: credentials(d) }))),
    insertTree: (devId, nodes, reportedAt) => writer.insertTree(devId, nodes, reportedAt),
    queueCommands: (commands) =>
      writer.insertCommands(
        commands.map((c) => {
          if (c.command.length === 0 || c.command[0] === 'EXEC')
            throw new Error(
              `cannot seed the command ${JSON.stringify(c.command)}: it needs server-made URLs`,
            );
          if (!Number.isInteger(c.ttlS) || c.ttlS <= 0) throw new Error(`ttlS must be a positive integer`);
          return {
            id: c.id,
            devId: c.devId,
            command: c.command,
            createdAt: c.createdAt,
            expiresAt: c.createdAt + c.ttlS * 1000,
            createdBy: c.createdBy,
          };
        }),
      ),
    insertProfile: (profile, states) => writer.insertProfile(profile, states),
    async insertProfiles(profiles) {
      const profileStore = await open();
      try {
        for (const profile of profiles) {
          if (!(await profileStore.profiles.create(profile)))
            throw new Error(`a profile named "${profile.name}" exists already`);
        }
      } finally {
        await profileStore.close();
      }
    },
    analyze: () => writer.analyze(),
    close: () => writer.close(),
  };
}
