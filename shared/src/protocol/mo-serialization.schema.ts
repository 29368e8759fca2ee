import { z } from 'zod';

/** MOData: interior nodes are objects, leaves strings (numbers and booleans accepted). */
export type MoDataValue = string | number | boolean | null | { [name: string]: MoDataValue };
export const moDataValueSchema: z.ZodType<MoDataValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.record(z.string(), moDataValueSchema)]),
);

/** MOData of one serialization element: keyed by the addressed node's name. */
export const moDataSchema = z.record(z.string(), moDataValueSchema);
export type MoData = z.infer<typeof moDataSchema>;

/** One element of a Management Object serialization (protocol §5). */
export const moSerializationItemSchema = z.looseObject({
  ClientURI: z.string().min(1),
  MOData: moDataSchema,
  DDF: z.string().optional(),
  CV: z.string().optional(),
});
export type MoSerializationItem = z.infer<typeof moSerializationItemSchema>;

/** A Management Object serialization: the body of MO data at the DR and of GET results. */
export const moSerializationSchema = z.array(moSerializationItemSchema);
export type MoSerialization = z.infer<typeof moSerializationSchema>;
