import { z } from 'zod';
import { dmAlertSchema } from './alert.schema';
import { moSerializationSchema } from './mo-serialization.schema';
import { nameFault, textFault } from './names';

/** Refuses what `fault` finds, with its reason as the issue's message. */
const checked = (fault: (s: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const message = fault(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message });
  });

/**
 * One entry of P1's MOS: an MO the device supports and the instances it exposes. A MIID that is a
 * dot-segment or not valid UTF-8 is refused (protocol §12).
 */
export const moInfoSchema = z.looseObject({
  DDF: z.string().optional(),
  MOID: checked(textFault).min(1).optional(),
  MIID: z.array(checked(nameFault)),
});
export type MoInfo = z.infer<typeof moInfoSchema>;

/** P1, session initiation (device → server). Unknown top-level keys are ignored. */
export const p1Schema = z.looseObject({
  MOS: z.array(moInfoSchema).optional(),
  Alert: z.array(dmAlertSchema).optional(),
});
export type P1 = z.infer<typeof p1Schema>;

/** P2, the server's commands: each command is [name, ...positional params]. */
export const p2Schema = z.object({
  CMD: z.array(z.array(z.string()).min(1)),
});
export type P2 = z.infer<typeof p2Schema>;

/** One status entry of P3; `Data` carries GET results (protocol §4). */
export const statusEntrySchema = z.looseObject({
  sc: z.number().int().min(100).max(999),
  URI: z.array(z.string()).optional(),
  Data: moSerializationSchema.optional(),
});
export type StatusEntry = z.infer<typeof statusEntrySchema>;

/** P3, statuses and alerts (device → server). */
export const p3Schema = z.looseObject({
  Status: z.array(statusEntrySchema),
  Alert: z.array(dmAlertSchema).optional(),
});
export type P3 = z.infer<typeof p3Schema>;
