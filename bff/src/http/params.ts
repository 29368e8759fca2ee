import type { Request } from 'express';
import { InputError } from '../domain/errors';

/** A single route parameter as a string. */
export function param(req: Request, name: string): string {
  const value: unknown = req.params[name];
  if (typeof value !== 'string' || value === '') throw new InputError(`Missing path parameter "${name}".`);
  return value;
}
