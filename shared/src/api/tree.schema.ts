import { z } from 'zod';
import { nodeMetaSchema } from '../metadata/metadata.schema';

/** One stored node of a device's MO instance. `path` is below the MO root ('' = the root). */
export const treeNodeSchema = z.object({
  path: z.string(),
  value: z.string().nullable(),
  format: z.string(),
  reportedAt: z.iso.datetime(),
  meta: nodeMetaSchema.nullable(),
});
export type TreeNode = z.infer<typeof treeNodeSchema>;

/** One MO instance the device reported, with its last-known nodes. */
export const treeInstanceSchema = z.object({
  moid: z.string(),
  miid: z.string(),
  ddf: z.string().nullable(),
  nodes: z.array(treeNodeSchema),
});
export type TreeInstance = z.infer<typeof treeInstanceSchema>;

/**
 * GET /api/v1/devices/:devId/tree response. With `?at=` (protocol §13) it also says the time it is as
 * of, the device's history horizon, and whether the tree is exact (`complete`: `at` is not before
 * the horizon; otherwise it is the tree as of the horizon).
 */
export const deviceTreeSchema = z.object({
  devId: z.string(),
  instances: z.array(treeInstanceSchema),
  asOf: z.iso.datetime().optional(),
  horizon: z.iso.datetime().nullable().optional(),
  complete: z.boolean().optional(),
});
export type DeviceTree = z.infer<typeof deviceTreeSchema>;
