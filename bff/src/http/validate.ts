import type { z } from 'zod';
import { InputError } from '../domain/errors';

/** Parses request input with a shared schema; a failure is a 400 listing each issue. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what = 'request'): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const first = issues[0];
    const summary = first ? `${first.path || what}: ${first.message}` : 'invalid input';
    throw new InputError(`The ${what} is not valid (${summary}).`, { issues });
  }
  return result.data;
}
