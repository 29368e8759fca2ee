import { z } from 'zod';

/** GET /healthz response. */
export const healthSchema = z.object({ status: z.literal('ok'), version: z.string() });
export type Health = z.infer<typeof healthSchema>;
