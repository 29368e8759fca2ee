// Tree history (protocol §13): a device's tree as of a past time, the changes between two times or
// against another device, and one node's values over time.
import { z } from 'zod';

/** An ISO 8601 time with a zone (`Z` or an offset). */
const isoTime = z.iso.datetime({ offset: true });

/** GET /api/v1/devices/:devId/tree query string: without `at`, the current tree. */
export const deviceTreeQuerySchema = z.object({ at: isoTime.optional() });
export type DeviceTreeQuery = z.infer<typeof deviceTreeQuerySchema>;

/** Longest ClientURI a history query takes. */
export const MAX_HISTORY_URI = 1024;
/** Most changes or history entries one page holds. */
export const MAX_HISTORY_PAGE = 2_000;

const pageLimit = z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE).default(500);
const cursor = z
  .string()
  .min(1)
  .max(2 * MAX_HISTORY_URI);

/**
 * GET /api/v1/devices/:devId/tree/diff query string: two times (`to` defaults to now), or `against`
 * another device (both trees as of `at`, or now).
 */
export const treeDiffQuerySchema = z
  .object({
    from: isoTime.optional(),
    to: isoTime.optional(),
    against: z.string().min(1).max(255).optional(),
    at: isoTime.optional(),
    cursor: cursor.optional(),
    limit: pageLimit,
  })
  .refine((q) => (q.from !== undefined) !== (q.against !== undefined), {
    message: 'Give either `from` (and optionally `to`) or `against`.',
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
    message: '`from` must not be after `to`.',
  });
export type TreeDiffQuery = z.infer<typeof treeDiffQuerySchema>;

/** How a node differs: it appeared, went, or its value or format changed. */
export const treeChangeKindSchema = z.enum(['added', 'removed', 'changed']);
export type TreeChangeKind = z.infer<typeof treeChangeKindSchema>;

/** One changed node; `before`/`after` are its values (null when absent or an interior node). */
export const treeChangeSchema = z.object({
  /** The node's concrete ClientURI. */
  path: z.string(),
  kind: treeChangeKindSchema,
  before: z.string().nullable(),
  after: z.string().nullable(),
  beforeFormat: z.string().nullable(),
  afterFormat: z.string().nullable(),
  /** Diff of two times: the last change in the range and its cause. */
  at: z.iso.datetime().optional(),
  sessionId: z.string().nullable().optional(),
  commandId: z.string().nullable().optional(),
});
export type TreeChange = z.infer<typeof treeChangeSchema>;

/** GET /api/v1/devices/:devId/tree/diff response: changed nodes only, by path, one page. */
export const treeDiffSchema = z.object({
  changes: z.array(treeChangeSchema),
  /** Give it as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
  /** Before this time the device's history was trimmed by retention; null when complete. */
  horizon: z.iso.datetime().nullable(),
  /** False when `from` (or `at`) is before the horizon: the diff then starts at the horizon. */
  complete: z.boolean(),
});
export type TreeDiff = z.infer<typeof treeDiffSchema>;

/** GET /api/v1/devices/:devId/tree/history query string. */
export const nodeHistoryQuerySchema = z.object({
  path: z.string().min(1).max(MAX_HISTORY_URI),
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type NodeHistoryQuery = z.infer<typeof nodeHistoryQuerySchema>;

export const treeHistoryOpSchema = z.enum(['add', 'set', 'delete']);

/** One value a node had, with what set it. */
export const nodeHistoryEntrySchema = z.object({
  at: z.iso.datetime(),
  op: treeHistoryOpSchema,
  value: z.string().nullable(),
  format: z.string().nullable(),
  oldValue: z.string().nullable(),
  oldFormat: z.string().nullable(),
  /** 'session': a DM session (and its command); 'upload': a DR upload for the command. */
  source: z.enum(['session', 'upload']).nullable(),
  sessionId: z.string().nullable(),
  commandId: z.string().nullable(),
});
export type NodeHistoryEntry = z.infer<typeof nodeHistoryEntrySchema>;

/** GET /api/v1/devices/:devId/tree/history response: newest first. */
export const nodeHistorySchema = z.object({
  path: z.string(),
  entries: z.array(nodeHistoryEntrySchema),
  nextCursor: z.string().nullable(),
  horizon: z.iso.datetime().nullable(),
});
export type NodeHistory = z.infer<typeof nodeHistorySchema>;

/** GET /api/v1/devices/:devId/tree/changes query string. */
export const treeChangePointsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
});

/** The times a device's tree changed, newest first: what the console's history slider offers. */
export const treeChangePointsSchema = z.object({
  points: z.array(
    z.object({
      at: z.iso.datetime(),
      sessionId: z.string().nullable(),
      commandId: z.string().nullable(),
      changes: z.number().int().nonnegative(),
    }),
  ),
  horizon: z.iso.datetime().nullable(),
});
export type TreeChangePoints = z.infer<typeof treeChangePointsSchema>;
