// Saved views of the device list (protocol §8): a named fleet query with its sort and columns,
// shared by the whole team. A campaign may target one (protocol §11): its query is copied then.
import { z } from 'zod';
import { deviceSortFieldSchema } from './devices.schema';

/** The columns of the Devices page's table, by id (the console's column chooser). */
export const DEVICE_COLUMN_IDS = [
  'devId',
  'model',
  'manufacturer',
  'firmware',
  'software',
  'hardware',
  'devType',
  'lang',
  'online',
  'lastSeen',
  'createdAt',
  'labels',
] as const;
export const deviceColumnIdSchema = z.enum(DEVICE_COLUMN_IDS);
export type DeviceColumnId = z.infer<typeof deviceColumnIdSchema>;

/** The most saved views the server keeps; saving one more is a 409. */
export const MAX_SAVED_VIEWS = 500;

const viewNameSchema = z.string().trim().min(1).max(80);
const viewColumnsSchema = z
  .array(deviceColumnIdSchema)
  .min(1)
  .max(DEVICE_COLUMN_IDS.length)
  .refine((c) => new Set(c).size === c.length, 'a column is named twice');
const sortOrderSchema = z.enum(['asc', 'desc']);

/** POST /api/v1/views body. `query` is checked by the fleet query parser (400 with its offset). */
export const createViewInputSchema = z.object({
  name: viewNameSchema,
  query: z.string().max(4000),
  sort: deviceSortFieldSchema.optional(),
  order: sortOrderSchema.optional(),
  columns: viewColumnsSchema.optional(),
});
export type CreateViewInput = z.infer<typeof createViewInputSchema>;

/** PATCH /api/v1/views/:id body: the fields to change; `null` clears sort, order or columns. */
export const updateViewInputSchema = z
  .object({
    name: viewNameSchema.optional(),
    query: z.string().max(4000).optional(),
    sort: deviceSortFieldSchema.nullable().optional(),
    order: sortOrderSchema.nullable().optional(),
    columns: viewColumnsSchema.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), 'change at least one field');
export type UpdateViewInput = z.infer<typeof updateViewInputSchema>;

/** A saved view as the API shows it. */
export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  sort: deviceSortFieldSchema.nullable(),
  order: sortOrderSchema.nullable(),
  columns: z.array(deviceColumnIdSchema).nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

/** GET /api/v1/views: every saved view, by name (case-insensitively). */
export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });
export type SavedViewList = z.infer<typeof savedViewListSchema>;
