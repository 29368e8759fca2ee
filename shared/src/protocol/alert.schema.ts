import { z } from 'zod';

/** Alert marks of protocol §5.5. */
export const ALERT_MARKS = [
  'fatal',
  'critical',
  'minor',
  'warning',
  'informational',
  'harmless',
  'indeterminate',
] as const;

/** Severity of a client event. */
export const alertMarkSchema = z.enum(ALERT_MARKS);
export type AlertMark = z.infer<typeof alertMarkSchema>;

/** Session alert types that open a DM session (protocol §2). */
export const SESSION_ALERT_TYPES = {
  clientInitiated: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt',
  serverInitiated: 'urn:oma:at:dm:2.0:ServerInitiatedMgmt',
  bootstrapComplete: 'urn:oma:at:dm:2.0:BootstrapComplete',
} as const;

const SESSION_START_TYPES: ReadonlySet<string> = new Set(Object.values(SESSION_ALERT_TYPES));

/** Whether an alert type opens a session: stored with the session, never an open alert (protocol §13). */
export function isSessionStartAlert(alertType: string): boolean {
  return SESSION_START_TYPES.has(alertType);
}

/** A Generic Alert as carried in P1/P3 (protocol §5.5). Unknown AlertTypes are valid. */
export const dmAlertSchema = z.looseObject({
  AlertType: z.string().min(1),
  SourceURI: z.string().optional(),
  TargetURI: z.string().optional(),
  Mark: alertMarkSchema.optional(),
  DataType: z.string().optional(),
  Data: z.record(z.string(), z.unknown()).optional(),
});
export type DmAlert = z.infer<typeof dmAlertSchema>;

/** DM 2.0 outcome alerts of asynchronous EXECs (protocol §5.5). The FUMO URN follows the same pattern. */
export const OPERATION_COMPLETE_ALERT_TYPES = {
  scomo: 'urn:oma:at:scomo:1.0:OperationComplete',
  dcmo: 'urn:oma:at:dcmo:1.0:OperationComplete',
  fumo: 'urn:oma:at:fumo:1.0:OperationComplete',
} as const;

/** DM 1.x reverse-domain FUMO alert types, still accepted from DM 2.0 clients (protocol §5.4). */
export const FUMO_DM1X_ALERT_TYPES = {
  download: 'org.openmobilealliance.dm.firmwareupdate.download',
  update: 'org.openmobilealliance.dm.firmwareupdate.update',
  downloadAndUpdate: 'org.openmobilealliance.dm.firmwareupdate.downloadandupdate',
  deviceRequest: 'org.openmobilealliance.dm.firmwareupdate.devicerequest',
  userRequest: 'org.openmobilealliance.dm.firmwareupdate.userrequest',
} as const;

/** DM 1.x reverse-domain SCOMO alert types. */
export const SCOMO_DM1X_ALERT_TYPES = {
  operationComplete: 'org.openmobilealliance.softwarecomponent.OperationComplete',
} as const;
