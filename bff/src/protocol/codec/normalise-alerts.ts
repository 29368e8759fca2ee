import { ALERT_MARKS, type AlertMark } from '@dmc/shared/protocol';
import { isRecord, withoutNulls } from './decode-result';

/** Optional members of an alert; null reads as absent (protocol §12). */
const OPTIONAL = ['SourceURI', 'TargetURI', 'Mark', 'DataType', 'Data'] as const;

function normaliseMark(mark: unknown): AlertMark {
  const lower = typeof mark === 'string' ? mark.toLowerCase() : '';
  const known = ALERT_MARKS.find((m) => m === lower);
  // A severity outside the vocabulary is kept as "indeterminate" rather than losing the alert (protocol §5).
  return known ?? 'indeterminate';
}

/**
 * Makes alerts as liberal clients send them fit the schema: a single alert becomes an array, Mark is matched
 * case-insensitively, a scalar Data becomes `{ DM1x: value }` (protocol §5.5), and null members are left out
 * (protocol §12). `null` for the whole list reads as no alerts.
 */
export function normaliseAlerts(alerts: unknown): unknown {
  if (alerts === undefined || alerts === null) return undefined;
  const list = isRecord(alerts) ? [alerts] : alerts;
  if (!Array.isArray(list)) return list;
  return list.map((raw: unknown) => {
    if (!isRecord(raw)) return raw;
    const alert = withoutNulls(raw, OPTIONAL);
    if (alert.Mark !== undefined) alert.Mark = normaliseMark(alert.Mark);
    if (alert.Data !== undefined && !isRecord(alert.Data)) alert.Data = { DM1x: alert.Data };
    return alert;
  });
}
