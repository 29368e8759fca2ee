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

/** GET /api/v1/devices/:devId/tree response. */
export const deviceTreeSchema = z.object({ devId: z.string(), instances: z.array(treeInstanceSchema) });
export type DeviceTree = z.infer<typeof deviceTreeSchema>;
