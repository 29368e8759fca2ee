import { z } from 'zod';
import { alertMarkSchema } from '../protocol/alert.schema';

/** A stored client alert as the API shows it. */
export const alertRecordSchema = z.object({
  id: z.string(),
  devId: z.string(),
  sessionId: z.string().nullable(),
  alertType: z.string(),
  sourceUri: z.string().nullable(),
  targetUri: z.string().nullable(),
  mark: alertMarkSchema.nullable(),
  dataType: z.string().nullable(),
  /** Data of the latest occurrence. */
  data: z.record(z.string(), z.unknown()).nullable(),
  /** When the latest occurrence arrived (= `lastAt`); lists are ordered by it, newest first. */
  receivedAt: z.iso.datetime(),
  /**
   * Occurrences folded into this row: identical alerts (same device, type, source and mark) that
   * arrived while it was open coalesce into it (protocol §13).
   */
  count: z.number().int().min(1),
  /** When the first occurrence arrived. */
  firstAt: z.iso.datetime(),
  /** When the latest occurrence arrived. */
  lastAt: z.iso.datetime(),
  /**
   * A session-start alert (ClientInitiatedMgmt, …): kept with its session for the timeline, never
   * open, never acknowledged, never coalesced.
   */
  sessionStart: z.boolean(),
  /** When a console user acknowledged it; null while the alert is open. */
  acknowledgedAt: z.iso.datetime().nullable(),
  /** Username of who acknowledged it. */
  acknowledgedBy: z.string().nullable(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

/** GET /api/v1/alerts query string. */
export const listAlertsQuerySchema = z.object({
  devId: z.string().max(128).optional(),
  type: z.string().max(256).optional(),
  mark: alertMarkSchema.optional(),
  since: z.iso.datetime().optional(),
  /** true: only open (unacknowledged) alerts; false: only acknowledged ones. Session-start alerts are neither. */
  open: z.stringbool().optional(),
  /** false leaves out the session-start alerts every P1 carries (ClientInitiatedMgmt, …; protocol §2, §13). */
  sessionAlerts: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(512).optional(),
});
export type ListAlertsQuery = z.infer<typeof listAlertsQuerySchema>;

export const alertPageSchema = z.object({
  items: z.array(alertRecordSchema),
  nextCursor: z.string().nullable(),
});
export type AlertPage = z.infer<typeof alertPageSchema>;

/** POST /api/v1/alerts/acknowledge body: alerts to acknowledge at once. */
export const acknowledgeAlertsInputSchema = z.object({
  ids: z.array(z.string().min(1).max(128)).min(1).max(500),
});
export type AcknowledgeAlertsInput = z.infer<typeof acknowledgeAlertsInputSchema>;

/** Alerts without paging (the ones an acknowledge changed). */
export const alertListSchema = z.object({ items: z.array(alertRecordSchema) });
export type AlertList = z.infer<typeof alertListSchema>;
