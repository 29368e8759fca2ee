import { z } from 'zod';

/** Alert marks of the reference §6.3. */
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

/** Session alert types that open a DM session (profile §2). */
export const SESSION_ALERT_TYPES = {
  clientInitiated: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt',
  serverInitiated: 'urn:oma:at:dm:2.0:ServerInitiatedMgmt',
  bootstrapComplete: 'urn:oma:at:dm:2.0:BootstrapComplete',
} as const;

/** A Generic Alert as carried in P1/P3 (reference §6.3). Unknown AlertTypes are valid. */
export const dmAlertSchema = z.looseObject({
  AlertType: z.string().min(1),
  SourceURI: z.string().optional(),
  TargetURI: z.string().optional(),
  Mark: alertMarkSchema.optional(),
  DataType: z.string().optional(),
  Data: z.record(z.string(), z.unknown()).optional(),
});
export type DmAlert = z.infer<typeof dmAlertSchema>;
