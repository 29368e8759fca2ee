import {
  FUMO_DM1X_ALERT_TYPES,
  OPERATION_COMPLETE_ALERT_TYPES,
  SCOMO_DM1X_ALERT_TYPES,
  type DmAlert,
} from './alert.schema';

const OUTCOME_TYPES = new Set<string>([
  ...Object.values(OPERATION_COMPLETE_ALERT_TYPES),
  FUMO_DM1X_ALERT_TYPES.download,
  FUMO_DM1X_ALERT_TYPES.update,
  FUMO_DM1X_ALERT_TYPES.downloadAndUpdate,
  ...Object.values(SCOMO_DM1X_ALERT_TYPES),
]);

/** True for the alert types that report the outcome of an EXEC (URN or DM 1.x reverse-domain form). */
export function isOperationOutcomeAlert(alertType: string): boolean {
  if (OUTCOME_TYPES.has(alertType)) return true;
  return /^urn:oma:at:[a-z0-9-]+:[0-9.]+:OperationComplete$/i.test(alertType);
}

function toCode(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const trimmed = v.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // SCOMO's DM 1.x payload: "<ResultCode>1200</ResultCode><Identifier>…</Identifier>" (protocol §5.5).
  const m = /<ResultCode>\s*(\d+)\s*<\/ResultCode>/i.exec(trimmed);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** The result code an outcome alert carries in `Data.DM1x` or `Data.ResultCode` (protocol §8), if any. */
export function alertResultCode(alert: Pick<DmAlert, 'Data'>): number | undefined {
  const data = alert.Data;
  if (data === undefined) return undefined;
  return toCode(data.DM1x) ?? toCode(data.ResultCode);
}
