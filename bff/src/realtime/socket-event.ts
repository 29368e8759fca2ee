// One client → server socket event as data: who may send it (the permission table's vocabulary, as
// for routes), the zod schema of its payload and the handler that runs once both are checked.
// socket-dispatch.ts is the one place that enforces them; the socket permission matrix test walks
// the same table.
import type { z } from 'zod';
import type { User } from '@dmc/shared/api';
import type { Ack, ClientToServerEvents } from '@dmc/shared/events';
import type { Action } from '../domain/auth/permissions';
import type { ConsoleSocket } from './console-socket';

/**
 * Who may send an event: any signed-in user, or one whose role grants `action` (FORBIDDEN
 * otherwise). A socket is always signed in: anonymous handshakes are refused before any event.
 */
export type SocketAccess = { kind: 'signed-in' } | { kind: 'action'; action: Action };

export type ClientEventName = keyof ClientToServerEvents;
type PayloadOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
type AckDataOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends (
  result: Ack<infer T>,
) => void
  ? T
  : never;

/** A refusal a handler gives on its own (a room limit); the dispatcher acknowledges it as such. */
export class SocketRefusal extends Error {
  constructor(
    readonly code: 'TOO_MANY_ROOMS' | 'VALIDATION_FAILED',
    message: string,
  ) {
    super(message);
  }
}

export interface SocketEventContext<I> {
  socket: ConsoleSocket;
  /** The user as authenticated again for this event (a role change shows at once). */
  user: User;
  input: I;
}

export interface SocketEventSpec<I, R> {
  summary: string;
  access: SocketAccess;
  input: z.ZodType<I>;
  handle(context: SocketEventContext<I>): Promise<R> | R;
}

/** The table: every client → server event has exactly one entry (a missing one fails to compile). */
export type SocketEventTable = {
  readonly [E in ClientEventName]: SocketEventSpec<PayloadOf<E>, AckDataOf<E>>;
};

/** An entry with its types erased, so tables of any events share one dispatcher. */
export type AnySocketEvent = SocketEventSpec<unknown, unknown>;
