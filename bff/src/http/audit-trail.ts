// Records every state-changing operation of the table in the audit log (profile §10): who (the
// signed-in user, or the username given at sign-in), the operation id, its target and its outcome.
// Identifiers only: a body is never stored, only its `devId`/`username`/`id`/`name` when the path
// names no target.
import type { Request, Response } from 'express';
import type { User } from '@dmc/shared/api';
import type { AuditService } from '../domain/audit/audit.service';
import type { Credential } from '../domain/auth/auth.service';
import { DomainError } from '../domain/errors';
import { StoreFullError, StoreUnavailableError } from '../persistence/ports';
import { pathParameterNames, type ApiOperation } from './operation';

/** Fields of a body or reply that name the resource created or acted on. */
const TARGET_FIELDS = ['devId', 'username', 'id', 'name'] as const;

/** Whether calls of `op` are audited: every operation that is not a read. */
export function isAudited(op: ApiOperation): boolean {
  return op.method !== 'get';
}

/** The outcome word of a failed call: the error code, or the HTTP status of a transport error. */
export function outcomeOf(err: unknown): string {
  if (err instanceof DomainError) return err.code;
  if (err instanceof StoreUnavailableError || err instanceof StoreFullError) return 'SERVICE_UNAVAILABLE';
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? `http ${status}` : 'INTERNAL';
}

function identifierIn(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of TARGET_FIELDS) {
    const found = record[field];
    if (typeof found === 'string' && found !== '') return found;
  }
  return undefined;
}

function targetOf(op: ApiOperation, req: Request, reply: unknown): string {
  const names = pathParameterNames(op.path);
  if (names.length > 0) {
    return names.map((name) => (typeof req.params[name] === 'string' ? req.params[name] : '')).join('/');
  }
  // A raw body (bytes, XML) is never looked into.
  const jsonBody = typeof op.body === 'string' && op.body !== 'binary' ? (req.body as unknown) : undefined;
  return identifierIn(reply) ?? identifierIn(jsonBody) ?? '';
}

/**
 * The actor an entry names: the username, and for a call made with an API token also the token's
 * name, as `alice (token "ci-export")` (protocol §10).
 */
export function actorName(user: User, credential: Credential | undefined): string {
  return credential?.kind === 'api' ? `${user.username} (token "${credential.name ?? ''}")` : user.username;
}

function actorOf(op: ApiOperation, req: Request, res: Response, user: User | undefined): string {
  if (user) return actorName(user, res.locals.credential as Credential | undefined);
  // A sign-in names who tried, signed in or not; never its password.
  if (op.operationId === 'login') {
    const username = (req.body as { username?: unknown } | undefined)?.username;
    if (typeof username === 'string') return username;
  }
  return '';
}

/** Appends the entry of one call of `op` that ended with `outcome`. */
export function recordCall(
  audit: AuditService,
  op: ApiOperation,
  req: Request,
  res: Response,
  outcome: string,
  reply?: unknown,
): Promise<unknown> {
  const user = res.locals.user as User | undefined;
  return audit.record({
    actor: actorOf(op, req, res, user),
    role: user?.role ?? '',
    action: op.operationId,
    target: targetOf(op, req, reply),
    outcome,
    client: req.ip ?? req.socket.remoteAddress ?? '',
    requestId: typeof res.locals.requestId === 'string' ? res.locals.requestId : '',
  });
}
