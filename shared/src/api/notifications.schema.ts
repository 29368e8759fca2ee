import { z } from 'zod';

/** Wake-up state of a device (protocol §6); kept beside the commands, not a command state. */
export const NOTIFICATION_STATES = ['pending', 'sent', 'answered', 'failed', 'expired'] as const;
export const notificationStateSchema = z.enum(NOTIFICATION_STATES);

/** A P0 notification and its delivery attempts as the API shows it. */
export const notificationRecordSchema = z.object({
  id: z.string(),
  devId: z.string(),
  notificationId: z.number().int().min(0).max(65535),
  state: notificationStateSchema,
  reason: z.enum(['manual', 'queued-work']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  deadline: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
  sessionId: z.string().nullable(),
});
export type NotificationRecord = z.infer<typeof notificationRecordSchema>;

export const notificationListSchema = z.object({ items: z.array(notificationRecordSchema) });
export type NotificationList = z.infer<typeof notificationListSchema>;

/** GET /api/v1/devices/:devId/notifications query string. */
export const listNotificationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
