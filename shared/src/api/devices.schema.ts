import { z } from 'zod';

/** A DevInfo DevID: printable, no whitespace (IMEI:…, UUID, serials). */
export const devIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** Device secrets are machine secrets: never ':' (Basic splits at the last ':'), 16+ chars. */
export const deviceSecretSchema = z
  .string()
  .min(16, 'at least 16 characters')
  .max(256)
  .regex(/^[^:\s]+$/, 'no ":" and no whitespace');

export const labelSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:/-]+$/);

/** The most labels one device carries. */
export const MAX_LABELS_PER_DEVICE = 32;

/** POST /api/v1/devices body. */
export const registerDeviceInputSchema = z.object({
  devId: devIdSchema,
  secret: deviceSecretSchema,
  notifySecret: deviceSecretSchema.optional(),
  pushUrl: z.url({ protocol: /^https?$/ }).optional(),
  labels: z.array(labelSchema).max(MAX_LABELS_PER_DEVICE).optional(),
});
export type RegisterDeviceInput = z.infer<typeof registerDeviceInputSchema>;

/** DevInfo leaves the fleet list shows (protocol §5, "Inventory"). */
export const devInfoSummarySchema = z.object({
  Man: z.string().nullable(),
  Mod: z.string().nullable(),
  FwV: z.string().nullable(),
  SwV: z.string().nullable(),
  HwV: z.string().nullable(),
  DevType: z.string().nullable(),
  Lang: z.string().nullable(),
  DmV: z.string().nullable(),
  OEM: z.string().nullable(),
});
export type DevInfoSummary = z.infer<typeof devInfoSummarySchema>;

/** A device as the console API shows it. */
export const deviceSchema = z.object({
  devId: z.string(),
  labels: z.array(z.string()),
  pushUrl: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  online: z.boolean(),
  devInfo: devInfoSummarySchema,
  devInfoAt: z.iso.datetime().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const DEVICE_SORT_FIELDS = ['devId', 'lastSeenAt', 'createdAt', 'model', 'fwVersion'] as const;
export const deviceSortFieldSchema = z.enum(DEVICE_SORT_FIELDS);
export type DeviceSortField = z.infer<typeof deviceSortFieldSchema>;

/** GET /api/v1/devices query string. */
export const listDevicesQuerySchema = z.object({
  q: z.string().max(256).optional(),
  label: z.string().max(64).optional(),
  /** A fleet query (docs/query-language.md); a syntax error is a 400 with `details: { offset, length, message }`. */
  query: z.string().max(4000).optional(),
  sort: deviceSortFieldSchema.default('devId'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional(),
});
export type ListDevicesQuery = z.infer<typeof listDevicesQuerySchema>;

/** A page of results with an opaque cursor for the next one. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });
}
export const devicePageSchema = pageSchema(deviceSchema);
export type DevicePage = z.infer<typeof devicePageSchema>;

/** A device counts as online when it was in contact within this window. */
export const ONLINE_WINDOW_S = 300;

/** GET /api/v1/devices/export.csv query string: the list's filters and sort, every matching row. */
export const exportDevicesQuerySchema = listDevicesQuerySchema.pick({
  q: true,
  label: true,
  query: true,
  sort: true,
  order: true,
});
export type ExportDevicesQuery = z.infer<typeof exportDevicesQuerySchema>;

/** `details` of the 400 answer to a fleet query with an error: where it is and what is wrong. */
export const queryErrorDetailsSchema = z.object({
  offset: z.number().int().min(0),
  length: z.number().int().min(1),
  message: z.string(),
});
export type QueryErrorDetails = z.infer<typeof queryErrorDetailsSchema>;

/** PUT /api/v1/devices/:devId/labels body: the device's labels from now on (duplicates count once). */
export const replaceLabelsInputSchema = z.object({
  labels: z.array(labelSchema).max(MAX_LABELS_PER_DEVICE),
});
export type ReplaceLabelsInput = z.infer<typeof replaceLabelsInputSchema>;

/**
 * PATCH /api/v1/devices/:devId/labels body: labels to add and to remove, at least one, none in both.
 * Adding a label the device has, or removing one it lacks, changes nothing.
 */
export const changeLabelsInputSchema = z
  .object({
    add: z.array(labelSchema).max(MAX_LABELS_PER_DEVICE).default([]),
    remove: z.array(labelSchema).max(MAX_LABELS_PER_DEVICE).default([]),
  })
  .refine((c) => c.add.length + c.remove.length > 0, 'add or remove at least one label')
  .refine((c) => !c.add.some((label) => c.remove.includes(label)), {
    message: 'a label cannot be both added and removed',
    path: ['remove'],
  });
export type ChangeLabelsInput = z.infer<typeof changeLabelsInputSchema>;
