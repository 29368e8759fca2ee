// DMC_* environment, parsed once at start (protocol §9). A bad value stops the start with a message that
// names the variable.
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { SECRET_KEY_FORMAT, parseSecretKey } from './secrets/secret-key-format';

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const positiveInt = (max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`);

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const envSchema = z.object({
  DMC_PORT: port.default(8080),
  DMC_HOST: z.string().min(1).default('0.0.0.0'),
  DMC_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  DMC_DATA_DIR: z.string().min(1).default('./data'),
  DMC_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DMC_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  DMC_REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'must be 1–64 letters, digits or . : _ -')
    .default('dmc'),
  DMC_SECRET_KEY: optionalText.pipe(
    z
      .string()
      .transform((v, ctx) => {
        const key = parseSecretKey(v);
        if (key === undefined) ctx.addIssue({ code: 'custom', message: `must be ${SECRET_KEY_FORMAT}` });
        return key ?? Buffer.alloc(0);
      })
      .optional(),
  ),
  DMC_DATABASE_POOL_SIZE: positiveInt(500).default(10),
  DMC_DATABASE_PREPARED_STATEMENTS: z
    .enum(['0', '1', 'false', 'true'], { error: 'must be 1 or 0' })
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  DMC_INSTANCE_ID: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'must be 1–64 letters, digits or . : _ -')
    .optional(),
  DMC_LEASE_TTL_S: positiveInt(3600).default(15),
  DMC_SHUTDOWN_TIMEOUT_S: positiveInt(3600).default(10),
  DMC_METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  DMC_ADMIN_USER: z.string().min(1).max(64).default('admin'),
  DMC_ADMIN_PASSWORD: optionalText.pipe(z.string().min(8, 'must be at least 8 characters').optional()),
  DMC_SERVER_ID: z.string().min(1).max(255).default('dmc'),
  DMC_SESSION_IDLE_S: positiveInt(86_400).default(300),
  DMC_SESSION_IDLE_MINUTES: positiveInt(7 * 24 * 60).default(60),
  DMC_MAX_PACKAGE_BYTES: positiveInt(64 * 1024 * 1024).default(1_048_576),
  DMC_MAX_ARTIFACT_BYTES: positiveInt(64 * 1024 ** 3).default(512 * 1024 * 1024),
  DMC_MAX_DISCARD_BYTES: positiveInt(1024 ** 3).default(8 * 1024 * 1024),
  DMC_MIN_FREE_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .default(64 * 1024 * 1024),
  DMC_MAX_COMMANDS_PER_PACKAGE: positiveInt(1000).default(20),
  DMC_MAX_DELIVERIES: positiveInt(1000).default(5),
  DMC_CAMPAIGN_APPROVAL: z
    .enum(['optional', 'required'], { error: 'must be optional or required' })
    .default('optional'),
  DMC_MAX_NODES_PER_WRITE: positiveInt(10_000_000).default(20_000),
  DMC_MAX_NODES_PER_DEVICE: positiveInt(100_000_000).default(100_000),
  DMC_TREE_HISTORY_DAYS: positiveInt(3_650).default(90),
  DMC_TREE_HISTORY_PER_DEVICE: positiveInt(100_000_000).default(100_000),
  DMC_COMMAND_TTL_S: positiveInt(365 * 86_400).default(7 * 86_400),
  DMC_NOTIFY_DEADLINE_S: positiveInt(7 * 86_400).default(900),
  DMC_PUSH_ALLOW_PRIVATE: z
    .enum(['0', '1', 'false', 'true'], { error: 'must be 1 or 0' })
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  DMC_SUB_INBOX_IDLE_S: positiveInt(365 * 86_400).default(30 * 86_400),
  DMC_SESSION_LOG_PER_DEVICE: positiveInt(10_000).default(50),
  DMC_SESSION_LOG_DAYS: positiveInt(3650).default(14),
  DMC_PROFILE_SWEEP_S: positiveInt(86_400).default(300),
  DMC_TLS_CERT: optionalText,
  DMC_TLS_KEY: optionalText,
  DMC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Prefix of the Redis channels this deployment uses (DMC_REDIS_PREFIX). */
  redisPrefix: string;
  databasePoolSize: number;
  /** DMC_DATABASE_PREPARED_STATEMENTS: the DM path's statements run as named prepared statements. */
  databasePreparedStatements: boolean;
  /**
   * DMC_SECRET_KEY: seals device notification secrets (protocol §12). Required with PostgreSQL; with
   * SQLite, absent means secret.key in the data directory.
   */
  secretKey: Buffer | undefined;
  /** Names this process in leases, logs and /api/v1/status (DMC_INSTANCE_ID, default host-pid). */
  instanceId: string;
  /** How long a background-work lease lasts unless renewed: a dead instance's work waits at most this. */
  leaseTtlS: number;
  /** Graceful shutdown: how long in-flight requests may take before connections are cut. */
  shutdownTimeoutS: number;
  /** Bearer token for /metrics; without it /metrics answers only direct loopback requests. */
  metricsToken: string | undefined;
  adminUser: string;
  adminPassword: string | undefined;
  serverId: string;
  sessionIdleS: number;
  /** DMC_TREE_HISTORY_DAYS / _PER_DEVICE: how long and how much tree history is kept (protocol §13). */
  treeHistory: { days: number; perDevice: number };
  /** DMC_SESSION_IDLE_MINUTES: a console session unused this long ends (protocol §10). */
  sessionIdleMinutes: number;
  maxPackageBytes: number;
  maxArtifactBytes: number;
  /** How much of an oversized body is read off after its 413 before the connection closes. */
  maxDiscardBytes: number;
  /** /readyz fails while the data directory has less free space than this (0: not checked). */
  minFreeBytes: number;
  maxCommandsPerPackage: number;
  /** Sessions a command is sent in without a status before it fails `no-status` (protocol §12). */
  maxDeliveries: number;
  /** Every campaign needs a second admin's approval (DMC_CAMPAIGN_APPROVAL=required, protocol §11). */
  campaignApprovalRequired: boolean;
  /** Nodes one package or upload may write (protocol §12). */
  maxNodesPerWrite: number;
  /** Nodes one device may have stored (protocol §12). */
  maxNodesPerDevice: number;
  commandTtlS: number;
  notifyDeadlineS: number;
  /**
   * DMC_PUSH_ALLOW_PRIVATE: push URLs may point at loopback, link-local and private addresses
   * (protocol §12). Off in production; the demo fleet and tests, whose devices listen on 127.0.0.1, set it.
   */
  pushAllowPrivate: boolean;
  /** DMC_SUB_INBOX_IDLE_S: a SUB inbox without an upload for this long is closed (protocol §12). */
  subInboxIdleS: number;
  /** DMC_SESSION_LOG_PER_DEVICE, DMC_SESSION_LOG_DAYS: what the session inspector keeps (profile §13). */
  sessionLog: { perDevice: number; days: number };
  /** DMC_PROFILE_SWEEP_S: how often every enabled profile's membership is swept (protocol §14). */
  profileSweepS: number;
  tls: { cert: string; key: string } | undefined;
  logLevel: z.infer<typeof envSchema>['DMC_LOG_LEVEL'];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key.startsWith('DMC_') && value !== undefined && value !== '',
    ),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      // A secret is never echoed back.
      const given = name in relevant && name !== 'DMC_SECRET_KEY' ? ` (got "${relevant[name]}")` : '';
      return `  ${name}${given}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.DMC_TLS_CERT === undefined) !== (e.DMC_TLS_KEY === undefined)) {
    throw new ConfigError('Invalid configuration:\n  DMC_TLS_CERT and DMC_TLS_KEY must be set together');
  }
  if (e.DMC_DATABASE_URL !== undefined && e.DMC_SECRET_KEY === undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  DMC_SECRET_KEY must be set with DMC_DATABASE_URL: every instance ' +
        `seals device secrets with it, so each needs the same key (${SECRET_KEY_FORMAT}; ` +
        'e.g. `openssl rand -base64 32`). A database from before this setting still holds its key: ' +
        "use the value of `SELECT value FROM settings WHERE key = 'server-key'`.",
    );
  }
  const scheme = e.DMC_TLS_CERT === undefined ? 'http' : 'https';
  return {
    port: e.DMC_PORT,
    host: e.DMC_HOST,
    publicUrl: (e.DMC_PUBLIC_URL ?? `${scheme}://localhost:${e.DMC_PORT}`).replace(/\/+$/, ''),
    dataDir: path.resolve(e.DMC_DATA_DIR),
    databaseUrl: e.DMC_DATABASE_URL,
    redisUrl: e.DMC_REDIS_URL,
    redisPrefix: e.DMC_REDIS_PREFIX,
    databasePoolSize: e.DMC_DATABASE_POOL_SIZE,
    databasePreparedStatements: e.DMC_DATABASE_PREPARED_STATEMENTS,
    secretKey: e.DMC_SECRET_KEY,
    instanceId: e.DMC_INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    leaseTtlS: e.DMC_LEASE_TTL_S,
    shutdownTimeoutS: e.DMC_SHUTDOWN_TIMEOUT_S,
    metricsToken: e.DMC_METRICS_TOKEN,
    adminUser: e.DMC_ADMIN_USER,
    adminPassword: e.DMC_ADMIN_PASSWORD,
    serverId: e.DMC_SERVER_ID,
    sessionIdleS: e.DMC_SESSION_IDLE_S,
    sessionIdleMinutes: e.DMC_SESSION_IDLE_MINUTES,
    maxPackageBytes: e.DMC_MAX_PACKAGE_BYTES,
    maxArtifactBytes: e.DMC_MAX_ARTIFACT_BYTES,
    maxDiscardBytes: e.DMC_MAX_DISCARD_BYTES,
    minFreeBytes: e.DMC_MIN_FREE_BYTES,
    maxCommandsPerPackage: e.DMC_MAX_COMMANDS_PER_PACKAGE,
    maxDeliveries: e.DMC_MAX_DELIVERIES,
    campaignApprovalRequired: e.DMC_CAMPAIGN_APPROVAL === 'required',
    maxNodesPerWrite: e.DMC_MAX_NODES_PER_WRITE,
    maxNodesPerDevice: e.DMC_MAX_NODES_PER_DEVICE,
    treeHistory: { days: e.DMC_TREE_HISTORY_DAYS, perDevice: e.DMC_TREE_HISTORY_PER_DEVICE },
    commandTtlS: e.DMC_COMMAND_TTL_S,
    notifyDeadlineS: e.DMC_NOTIFY_DEADLINE_S,
    pushAllowPrivate: e.DMC_PUSH_ALLOW_PRIVATE,
    subInboxIdleS: e.DMC_SUB_INBOX_IDLE_S,
    sessionLog: { perDevice: e.DMC_SESSION_LOG_PER_DEVICE, days: e.DMC_SESSION_LOG_DAYS },
    profileSweepS: e.DMC_PROFILE_SWEEP_S,
    tls:
      e.DMC_TLS_CERT !== undefined && e.DMC_TLS_KEY !== undefined
        ? { cert: e.DMC_TLS_CERT, key: e.DMC_TLS_KEY }
        : undefined,
    logLevel: e.DMC_LOG_LEVEL,
  };
}
