// Checked parsing of rows coming back from SQL: a corrupt row is an error, never a wrong value.
import { z } from 'zod';

/** Raised when a stored row does not have the shape its table promises. */
export class CorruptRowError extends Error {
  readonly code = 'CORRUPT_ROW';
  constructor(
    readonly table: string,
    detail: string,
  ) {
    super(`corrupt row in ${table}: ${detail}`);
    this.name = 'CorruptRowError';
  }
}

const integer = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
  z.bigint().transform(Number),
]);

export const intColumn = integer;
export const epochMsColumn = integer.transform((ms) => new Date(ms));
export const nullableEpochMsColumn = epochMsColumn.nullable();

/** A TEXT column holding JSON that must match `schema`. */
export function jsonColumn<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export function parseRow<T extends z.ZodType>(table: string, schema: T, row: unknown): z.output<T> {
  const result = schema.safeParse(row);
  if (!result.success) throw new CorruptRowError(table, z.prettifyError(result.error));
  return result.data;
}
