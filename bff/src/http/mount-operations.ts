// Turns entries of the operation table into Express routes: one chain per entry that checks the
// access, parses the input with its zod schemas and answers with the entry's success status.
import type { Request, RequestHandler, Response, Router } from 'express';
import type { ApiServices } from './api-services';
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

function answer(op: ApiOperation, services: ApiServices): RequestHandler {
  return async (req, res) => {
    const reply: unknown = await op.handle(inputOf(op, req, res), services);
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

/**
 * Mounts `operations` on `router`, in order. Entries that need a signed-in user authenticate with
 * `authenticate`; the others answer anyone.
 */
export function mountOperations(
  router: Router,
  operations: readonly ApiOperation[],
  services: ApiServices,
  authenticate: RequestHandler,
): Router {
  for (const op of operations) {
    router[op.method](
      op.path,
      ...guards(op.access, authenticate),
      ...(op.before ?? []),
      answer(op, services),
    );
  }
  return router;
}
