// Alerts by type over time, for the dashboard (protocol §13): occurrences (coalesced counts
// included, session-start alerts left out) per bucket for the most frequent types, the rest as
// `other`. Two indexed aggregate queries; buckets and types are bounded.
import {
  ALERT_STAT_BUCKETS,
  ALERT_STAT_MAX_BUCKETS,
  ALERT_STAT_TOP_TYPES,
  type AlertStats,
  type AlertStatsQuery,
} from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { InputError } from '../errors';

/** Buckets shown when `since` is not given. */
const DEFAULT_BUCKETS = 24;

export async function getAlertStats(store: Store, now: Date, query: AlertStatsQuery): Promise<AlertStats> {
  const bucketMs = ALERT_STAT_BUCKETS[query.bucket];
  // Buckets are aligned to their width, so the same bucket reads the same on every call.
  const end = Math.floor(now.getTime() / bucketMs) * bucketMs + bucketMs;
  const requested = query.since === undefined ? end - DEFAULT_BUCKETS * bucketMs : Date.parse(query.since);
  const start = Math.floor(requested / bucketMs) * bucketMs;
  const buckets = Math.ceil((end - start) / bucketMs);
  if (buckets <= 0 || buckets > ALERT_STAT_MAX_BUCKETS) {
    throw new InputError(
      `"since" must be in the past and at most ${ALERT_STAT_MAX_BUCKETS} buckets of ${query.bucket} ago.`,
      { field: 'since', buckets: ALERT_STAT_MAX_BUCKETS },
    );
  }
  const since = new Date(start);
  const top = await store.alerts.topTypesSince(since, ALERT_STAT_TOP_TYPES);
  const types = top.map((t) => t.alertType);
  const counts = await store.alerts.countByTypePerBucket(since, bucketMs, buckets, types);
  const index = new Map(types.map((type, i) => [type, i]));
  const series = top.map(({ alertType }) => ({
    type: alertType,
    total: 0,
    counts: Array.from({ length: buckets }, () => 0),
  }));
  const other = Array.from({ length: buckets }, () => 0);
  for (const { alertType, bucket, count } of counts) {
    if (bucket < 0 || bucket >= buckets) continue;
    const i = alertType === null ? undefined : index.get(alertType);
    const line = i === undefined ? undefined : series[i];
    if (line === undefined) {
      other[bucket] = (other[bucket] ?? 0) + count;
      continue;
    }
    line.counts[bucket] = (line.counts[bucket] ?? 0) + count;
    line.total += count;
  }
  return {
    bucket: query.bucket,
    buckets: Array.from({ length: buckets }, (_, i) => new Date(start + i * bucketMs).toISOString()),
    series,
    other,
  };
}
