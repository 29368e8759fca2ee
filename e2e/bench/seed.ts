// Bench-only bulk loading through the server's seeding entry (@dmc/bff/seeding): devices and tree
// nodes inserted in batches, straight into a migrated database, before the BFF under test starts;
// queued commands also while it runs (a connection of its own, opened before the server takes the
// data directory). Credentials are real (derived under the stored server key) when the devices must
// hold DM sessions.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  openSeedStore,
  type SeedDevice,
  type SeedNode,
  type SeedProfileState,
  type SeedStore,
} from '@dmc/bff/seeding';
import { deviceIdentity, deviceProfile, seededRandom } from '@dmc/sim';
import { BENCH_ADMIN, BENCH_SECRET_KEY, type BffTarget } from './bff-process';
import { seedTree } from './seed-trees';

// One transaction per batch of devices.
const DEVICE_BATCH = 500;

export interface SeedDevicesOptions {
  prefix: string;
  count: number;
  firstNumber?: number;
  /** Derive each device's real credentials (needed for DM sessions); else one shared dummy set. */
  credentials: boolean;
  /** Already reported DevInfo (varied, deterministic) and a last contact; else a never-seen device. */
  reported?: boolean;
  /** The device's P0 URL. */
  pushUrl?: (devId: string) => string;
  labels?: string[];
  /** With `reported`: the tree such a device reports (seed-trees.ts), ~16 nodes a device. */
  trees?: boolean;
  /** With `reported`: nodes every device holds besides. */
  nodes?: readonly SeedNode[];
}

export interface Seeder {
  devices(options: SeedDevicesOptions): Promise<string[]>;
  /** One MO instance with `nodes` (paths below the instance root) on a registered device. */
  tree(
    devId: string,
    moid: string,
    miid: string,
    nodes: readonly { path: string; value: string | null }[],
  ): Promise<void>;
  /**
   * Queues `command` once for each device, as `POST /api/v1/devices/:devId/commands` by the bench's
   * admin would (the command service's row: queued, the server's default TTL), in one transaction.
   */
  queue(devIds: readonly string[], command: readonly string[]): Promise<void>;
  /** A profile holding `nodes` over every device given, each in the status `statusOf` gives it. */
  profile(
    profile: { id: string; name: string; nodes: readonly { uri: string; value: string }[] },
    devIds: readonly string[],
    statusOf: (index: number) => SeedProfileState['status'],
  ): Promise<void>;
  /** Configuration profiles, stored before the server starts. */
  profiles: SeedStore['insertProfiles'];
  /** The planner statistics a live PostgreSQL would have (close runs it too). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/** DMC_COMMAND_TTL_S's default: the TTL the command service gives a command queued without one. */
const DEFAULT_COMMAND_TTL_S = 7 * 86_400;

/** Migrates `target` (through the real store opener), then opens a bulk-loading connection. */
export async function openSeeder(target: BffTarget): Promise<Seeder> {
  const store = await openSeedStore(
    target.databaseUrl === undefined
      ? { sqliteFile: path.join(target.dataDir, 'dmc.sqlite') }
      : { databaseUrl: target.databaseUrl, secretKey: BENCH_SECRET_KEY },
  );

  const device = (devId: string, n: number, secret: string, options: SeedDevicesOptions): SeedDevice => {
    const now = Date.now();
    const profile = options.reported === true ? deviceProfile(seededRandom(n)) : undefined;
    const devInfo =
      profile === undefined
        ? null
        : {
            Man: profile.manufacturer,
            Mod: profile.model,
            FwV: profile.fwVersion,
            SwV: profile.swVersion,
            HwV: profile.hwVersion,
            DevType: profile.devType,
            Lang: 'en',
            DmV: '2.0',
            OEM: profile.manufacturer,
          };
    return {
      devId,
      secret: options.credentials ? secret : null,
      labels: options.labels ?? [],
      pushUrl: options.pushUrl?.(devId) ?? null,
      createdAt: now - n,
      lastSeenAt: profile === undefined ? null : now - ((n * 7919) % 86_400_000),
      devInfo,
      devInfoAt: profile === undefined ? null : now,
      nodes: [
        ...(devInfo !== null && options.trees === true ? seedTree(n, { ...devInfo, DevID: devId }) : []),
        ...(devInfo !== null ? (options.nodes ?? []) : []),
      ],
    };
  };

  return {
    async devices(options) {
      const first = options.firstNumber ?? 1;
      const ids: string[] = [];
      for (let start = 0; start < options.count; start += DEVICE_BATCH) {
        const batch: SeedDevice[] = [];
        for (let i = start; i < Math.min(options.count, start + DEVICE_BATCH); i += 1) {
          const { devId, secret } = deviceIdentity(options.prefix, first + i);
          batch.push(device(devId, first + i, secret, options));
          ids.push(devId);
        }
        await store.insertDevices(batch);
      }
      return ids;
    },
    async tree(devId, moid, miid, nodes) {
      const rows = nodes.map((n) => ({
        moid,
        miid,
        path: n.path,
        value: n.value,
        format: n.value === null ? 'node' : 'chr',
      }));
      await store.insertTree(devId, rows, Date.now());
    },
    async queue(devIds, command) {
      const now = Date.now();
      await store.queueCommands(
        devIds.map((devId) => ({
          id: randomUUID(),
          devId,
          command,
          createdAt: now,
          ttlS: DEFAULT_COMMAND_TTL_S,
          createdBy: BENCH_ADMIN.username,
        })),
      );
    },
    async profile(profile, devIds, statusOf) {
      const reasons: Record<SeedProfileState['status'], string | null> = {
        verified: null,
        pending: "waiting for the device's next session",
        failed: "device reports 'x' after the write",
        conflicted: "profile 'other' holds the node",
      };
      await store.insertProfile(
        { ...profile, query: '', priority: 0, createdBy: BENCH_ADMIN.username, createdAt: Date.now() },
        devIds.map((devId, i) => ({ devId, status: statusOf(i), reason: reasons[statusOf(i)] })),
      );
    },
    profiles: (rows) => store.insertProfiles(rows),
    async analyze() {
      if (target.databaseUrl !== undefined) await store.analyze();
    },
    async close() {
      // A live PostgreSQL has planner statistics and merged GIN lists within a minute of a bulk load
      // (autovacuum); a benchmark that queries at once must not measure the moment before that.
      if (target.databaseUrl !== undefined) await store.analyze();
      await store.close();
    },
  };
}
