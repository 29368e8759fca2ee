// The one dispatcher of client → server socket events. For every event, in this order: the socket's
// rate, the event's entry in the table, the session behind the socket (authenticated again, so a
// revoked token or a changed role counts at once), the entry's access, its payload schema; only then
// its handler. Every refusal is answered with a code (the ack, or `socket:refused` without one).
import type { Logger } from 'pino';
import type { SocketRefusalCode } from '@dmc/shared/events';
import type { AuthService } from '../domain/auth/auth.service';
import { can } from '../domain/auth/permissions';
import { AuthenticationError } from '../domain/errors';
import type { Clock } from '../domain/ports';
import { StoreUnavailableError } from '../persistence/ports';
import type { ConsoleSocket } from './console-socket';
import { SocketRefusal, type AnySocketEvent, type SocketAccess } from './socket-event';
import { createRateBucket } from './socket-rate';

export interface DispatchDeps {
  auth: AuthService;
  clock: Clock;
  log?: Logger;
}

type Outcome =
  { ok: true; data: unknown } | { ok: false; error: { code: SocketRefusalCode; message: string } };

const refuse = (code: SocketRefusalCode, message: string): Outcome => ({
  ok: false,
  error: { code, message },
});

function mayUse(access: SocketAccess, role: Parameters<typeof can>[0]): boolean {
  return access.kind === 'signed-in' || can(role, access.action);
}

/** Routes every event the socket sends through `table`; events not in it are refused. */
export function registerSocketEvents(
  socket: ConsoleSocket,
  table: Readonly<Record<string, AnySocketEvent>>,
  deps: DispatchDeps,
): void {
  const bucket = createRateBucket(deps.clock);

  async function dispatch(event: string, payload: unknown): Promise<Outcome> {
    if (!bucket.take()) return refuse('RATE_LIMITED', 'Too many events from this socket; retry later.');
    const spec = Object.hasOwn(table, event) ? table[event] : undefined;
    if (!spec) return refuse('UNKNOWN_EVENT', `No such event: ${event.slice(0, 64)}.`);
    let user;
    try {
      user = await deps.auth.authenticate(socket.data.token);
    } catch (err) {
      if (err instanceof StoreUnavailableError) {
        return refuse('SERVICE_UNAVAILABLE', 'The database cannot be read now; retry later.');
      }
      if (err instanceof AuthenticationError) {
        // The session ended: close the socket after the refusal is sent.
        setImmediate(() => socket.disconnect(true));
        return refuse('UNAUTHENTICATED', 'The session has ended; sign in again.');
      }
      throw err;
    }
    socket.data.user = user;
    if (!mayUse(spec.access, user.role)) {
      const action = spec.access.kind === 'action' ? spec.access.action : 'signed-in';
      return refuse('FORBIDDEN', `The ${user.role} role may not do this (${action}).`);
    }
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(
        'VALIDATION_FAILED',
        `Invalid payload${issue ? `: ${issue.path.join('.')} ${issue.message}` : ''}.`,
      );
    }
    try {
      return { ok: true, data: await spec.handle({ socket, user, input: parsed.data }) };
    } catch (err) {
      if (err instanceof SocketRefusal) return refuse(err.code, err.message);
      throw err;
    }
  }

  socket.onAny((event: string, ...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (outcome: Outcome) => void) : undefined;
    const payload = ack ? args.slice(0, -1)[0] : args[0];
    dispatch(event, payload)
      .catch((err: unknown) => {
        deps.log?.error({ err, event }, 'socket event failed');
        return refuse('INTERNAL', 'The event could not be handled.');
      })
      .then((outcome) => {
        if (ack) ack(outcome);
        else if (!outcome.ok)
          socket.emit('socket:refused', { event: event.slice(0, 64), error: outcome.error });
      })
      .catch(() => undefined);
  });
}
