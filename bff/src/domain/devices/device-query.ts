// The `query` parameter of the device list and export: parsed with the shared parser; a syntax or
// type error is a 400 whose details say where (docs/query-language.md).
import type { QueryErrorDetails } from '@dmc/shared/api';
import { parseQuery } from '@dmc/shared/query';
import type { DeviceFilter } from '../../persistence/ports';
import { InputError } from '../errors';

/** The filter for `query`, undefined for none or a blank one; throws InputError on an error. */
export function deviceFilterOf(query: string | undefined, now: Date): DeviceFilter | undefined {
  if (query === undefined) return undefined;
  const result = parseQuery(query);
  if (!result.ok) {
    const { offset, length, message } = result.error;
    const details: QueryErrorDetails = { offset, length, message };
    throw new InputError(`The query has an error at character ${offset + 1}: ${message}.`, details);
  }
  return result.expr === null ? undefined : { expr: result.expr, now };
}
