// Turns entries of the operation table into Express routes: one chain per entry that checks the
// access, parses the input with its zod schemas and answers with the entry's success status.
import type { ErrorRequestHandler, Request, RequestHandler, Response, Router } from 'express';
import type { AuditService } from '../domain/audit/audit.service';
import { UnavailableError } from '../domain/errors';
import { StoreFullError, StoreUnavailableError } from '../persistence/ports';
import type { ApiServices } from './api-services';
import { isAudited, outcomeOf, recordCall } from './audit-trail';
import { allow, currentUser } from './authn';
import { BODY_NOUNS, INPUT_COMPONENTS } from './openapi/components';
import {
  SENT,
  pathParameterNames,
  type ApiAccess,
  type ApiOperation,
  type OperationInput,
} from './operation';
import { param } from './params';
import { parseInput } from './validate';

function guards(access: ApiAccess, authenticate: RequestHandler): RequestHandler[] {
  switch (access.kind) {
    case 'public':
    case 'optional':
      return [];
    case 'signed-in':
      return [authenticate];
    case 'action':
      return [authenticate, allow(access.action)];
  }
}

function parseBody(op: ApiOperation, req: Request): unknown {
  const { body } = op;
  // Raw bodies (bytes, XML) are the handler's to read.
  if (body === undefined || typeof body !== 'string' || body === 'binary') return undefined;
  const input: unknown = req.body;
  return parseInput(
    INPUT_COMPONENTS[body],
    op.optionalBody ? (input ?? {}) : input,
    BODY_NOUNS[body] ?? 'body',
  );
}

function inputOf(op: ApiOperation, req: Request, res: Response): OperationInput<string, unknown, unknown> {
  const params: Record<string, string> = {};
  for (const name of pathParameterNames(op.path)) params[name] = param(req, name);
  return {
    params,
    query: op.query ? parseInput(op.query, req.query, 'query') : undefined,
    body: parseBody(op, req),
    get user() {
      return currentUser(res);
    },
    req,
    res,
  } as OperationInput<string, unknown, unknown>;
}

/** Set once the call's entry has been tried, so a failing write is not tried again as a refusal. */
const AUDITED = 'auditRecorded';

/** Appends the call's entry; a write that fails answers 503 instead of letting the call pass unrecorded. */
async function audit(
  trail: AuditService,
  op: ApiOperation,
  req: Request,
  res: Response,
  outcome: string,
  reply?: unknown,
): Promise<void> {
  res.locals[AUDITED] = true;
  try {
    await recordCall(trail, op, req, res, outcome, reply);
  } catch (err) {
    // An unreachable or full database keeps its own 503 (Retry-After, readiness).
    if (err instanceof StoreUnavailableError || err instanceof StoreFullError) throw err;
    const refusal = new UnavailableError('The audit log cannot be written; retry later.');
    refusal.cause = err;
    throw refusal;
  }
}

function answer(op: ApiOperation, services: ApiServices, trail: AuditService | undefined): RequestHandler {
  return async (req, res) => {
    const reply: unknown = await op.handle(inputOf(op, req, res), services);
    // Recorded once the outcome is known and before the answer goes out (ARCHITECTURE.md, audit).
    if (trail) await audit(trail, op, req, res, 'ok', reply === SENT ? undefined : reply);
    if (reply === SENT) return;
    const { success } = op;
    res.status(success.status);
    if (reply === undefined) {
      res.end();
      return;
    }
    if (success.location) res.location(success.location(reply as never));
    res.json(reply);
  };
}

/** Records a refused or failed call (401, 403, 400, 409, …), then hands the error on unchanged. */
function auditRefusal(op: ApiOperation, trail: AuditService): ErrorRequestHandler {
  return async (err: unknown, req, res, next) => {
    if (res.locals[AUDITED] !== true) await audit(trail, op, req, res, outcomeOf(err));
    next(err);
  };
}

/**
 * Mounts `operations` on `router`, in order. Entries that need a signed-in user authenticate with
 * `authenticate`; the others answer anyone. With `trail`, every call of an entry that is not a GET
 * is appended to the audit log, whatever its outcome (profile §10).
 */
export function mountOperations(
  router: Router,
  operations: readonly ApiOperation[],
  services: ApiServices,
  authenticate: RequestHandler,
  trail?: AuditService,
): Router {
  for (const op of operations) {
    const audited = trail !== undefined && isAudited(op) ? trail : undefined;
    router[op.method](
      op.path,
      ...guards(op.access, authenticate),
      ...(op.before ?? []),
      answer(op, services, audited),
      ...(audited ? [auditRefusal(op, audited)] : []),
    );
  }
  return router;
}
