import { z } from 'zod';
import { ALERT_MARKS } from '../protocol/alert.schema';
import { alertRecordSchema } from './alerts.schema';
import { sessionStatusSchema, sessionSummarySchema } from './sessions.schema';

const count = z.number().int().nonnegative();

/** How many one-minute buckets `sessionsPerMinute` holds (the last hour). */
export const SESSION_BUCKETS = 60;

/** How many firmware versions the distribution names; the rest are summed as `other`. */
export const FIRMWARE_TOP = 8;

/** Open (unacknowledged) alerts per mark; alerts sent without a mark are not counted. */
export const openAlertsByMarkSchema = z.object(
  Object.fromEntries(ALERT_MARKS.map((mark) => [mark, count])) as Record<
    (typeof ALERT_MARKS)[number],
    typeof count
  >,
);
export type OpenAlertsByMark = z.infer<typeof openAlertsByMarkSchema>;

/** Commands not finished yet, per state. */
export const commandsInFlightSchema = z.object({ queued: count, sent: count, accepted: count });
export type CommandsInFlight = z.infer<typeof commandsInFlightSchema>;

/** Sessions started in one minute; `at` is the start of the minute. */
export const sessionBucketSchema = z.object({ at: z.iso.datetime(), count });
export type SessionBucket = z.infer<typeof sessionBucketSchema>;

/** Devices reporting one firmware version; `version` null means not reported yet. */
export const firmwareShareSchema = z.object({ version: z.string().nullable(), count });
export type FirmwareShare = z.infer<typeof firmwareShareSchema>;

/** A recent DM session of any device. */
export const recentSessionSchema = sessionSummarySchema.extend({
  devId: z.string(),
  status: sessionStatusSchema,
});
export type RecentSession = z.infer<typeof recentSessionSchema>;

/** GET /api/v1/stats: the fleet at a glance, for the dashboard. */
export const fleetStatsSchema = z.object({
  generatedAt: z.iso.datetime(),
  devices: count,
  /** Devices in contact within ONLINE_WINDOW_S. */
  onlineNow: count,
  /** Oldest first; the last bucket ends at `generatedAt`. */
  sessionsPerMinute: z.array(sessionBucketSchema),
  openAlertsByMark: openAlertsByMarkSchema,
  commandsByState: commandsInFlightSchema,
  /** Most common first, at most FIRMWARE_TOP entries. */
  firmwareVersions: z.array(firmwareShareSchema),
  /** Devices on every other version. */
  firmwareOther: count,
  /** Latest critical and fatal alerts, newest first. */
  criticalAlerts: z.array(alertRecordSchema),
  /** Latest sessions of the fleet, newest first. */
  recentSessions: z.array(recentSessionSchema),
});
export type FleetStats = z.infer<typeof fleetStatsSchema>;

/** Bucket widths of GET /api/v1/stats/alerts. */
export const ALERT_STAT_BUCKETS = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export type AlertStatBucket = keyof typeof ALERT_STAT_BUCKETS;
/** At most this many buckets per answer. */
export const ALERT_STAT_MAX_BUCKETS = 200;
/** How many alert types the answer names; the rest are summed as `other`. */
export const ALERT_STAT_TOP_TYPES = 8;

/** GET /api/v1/stats/alerts query: `since` defaults to 24 buckets before now. */
export const alertStatsQuerySchema = z.object({
  bucket: z.enum(['5m', '1h', '1d']).default('1h'),
  since: z.iso.datetime().optional(),
});
export type AlertStatsQuery = z.infer<typeof alertStatsQuerySchema>;

/** One alert type's occurrences per bucket (`counts[i]` belongs to `buckets[i]`). */
export const alertTypeSeriesSchema = z.object({ type: z.string(), total: count, counts: z.array(count) });
export type AlertTypeSeries = z.infer<typeof alertTypeSeriesSchema>;

/**
 * GET /api/v1/stats/alerts: alert occurrences (coalesced counts included, session-start alerts
 * left out) per type per bucket, each counted in the bucket of its row's latest arrival.
 */
export const alertStatsSchema = z.object({
  bucket: z.enum(['5m', '1h', '1d']),
  /** Start of each bucket, oldest first. */
  buckets: z.array(z.iso.datetime()),
  /** The most frequent types first, at most ALERT_STAT_TOP_TYPES. */
  series: z.array(alertTypeSeriesSchema),
  /** Every other type, per bucket. */
  other: z.array(count),
});
export type AlertStats = z.infer<typeof alertStatsSchema>;
