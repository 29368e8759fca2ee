import { z } from 'zod';
import { commandStateSchema } from './commands.schema';

/** POST /api/v1/commands/:id/retry body (optional): the new command's time to live. */
export const retryCommandInputSchema = z.object({
  ttlS: z
    .number()
    .int()
    .min(1)
    .max(90 * 24 * 3600)
    .optional(),
});
export type RetryCommandInput = z.infer<typeof retryCommandInputSchema>;

/** POST /api/v1/commands/:id/retry response: the new command, queued again from a failed one. */
export const retriedCommandSchema = z.object({
  id: z.string(),
  state: commandStateSchema,
  /** The failed, expired or cancelled command it repeats. */
  retryOf: z.string(),
});
export type RetriedCommand = z.infer<typeof retriedCommandSchema>;
