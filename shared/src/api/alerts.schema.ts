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
  data: z.record(z.string(), z.unknown()).nullable(),
  receivedAt: z.iso.datetime(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

/** GET /api/v1/alerts query string. */
export const listAlertsQuerySchema = z.object({
  devId: z.string().max(128).optional(),
  type: z.string().max(256).optional(),
  mark: alertMarkSchema.optional(),
  since: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(512).optional(),
});
export type ListAlertsQuery = z.infer<typeof listAlertsQuerySchema>;

export const alertPageSchema = z.object({
  items: z.array(alertRecordSchema),
  nextCursor: z.string().nullable(),
});
export type AlertPage = z.infer<typeof alertPageSchema>;
