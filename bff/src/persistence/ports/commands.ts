// Commands queued for devices and their states.
import type { CommandFailureReason, CommandState } from '@dmc/shared/api';

export interface CommandRow {
  id: string;
  devId: string;
  /** Global insertion order; a device's commands run in ascending seq. Assigned by the repository. */
  seq: number;
  /** The wire command as it will be sent (server URLs filled in). */
  command: string[];
  state: CommandState;
  sc: number | null;
  result: unknown;
  /** The session that carried it, once sent. */
  sessionId: string | null;
  /** Token of the EXEC job URL or SHOW page, when the command has one. */
  jobToken: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  /** A queued command not sent by then expires; an accepted one not finished by then too. */
  expiresAt: Date | null;
  /** How many P2s carried it; at DMC_MAX_DELIVERIES without a status it fails (protocol §12). */
  deliveries: number;
  /** Why the server ended it when no status did (`no-status`), else null. */
  reason: CommandFailureReason | null;
  /** Username of the console user or token that queued it; null when the server did. */
  createdBy: string | null;
}

/** The state a command moves to, with the fields that move sets. */
export interface CommandTransition {
  state: CommandState;
  at: Date;
  sc?: number | null;
  result?: unknown;
  sessionId?: string | null;
  sentAt?: Date | null;
  expiresAt?: Date | null;
  /** Count one more delivery: the command is put in a P2 by this move. */
  countDelivery?: boolean;
  reason?: CommandFailureReason | null;
}

/** Filters of the fleet-wide command list; absent filters match every command. */
export interface CommandListQuery {
  state?: CommandState;
  devId?: string;
  /** Username of who queued it. */
  createdBy?: string;
  /** The wire command's name (`EXEC`, `GET`…). */
  commandName?: string;
  /** Queued at or after. */
  since?: Date;
  /** Queued before. */
  until?: Date;
  /** Only the commands this campaign queued on its devices (protocol §11). */
  campaignId?: string;
  limit: number;
  /** Keyset: the seq of the last row of the previous page (newest first). */
  beforeSeq?: number;
}

export interface CommandRepository {
  /** Stores a new command; returns it with its seq. */
  enqueue(command: Omit<CommandRow, 'seq'>): Promise<CommandRow>;
  find(id: string): Promise<CommandRow | undefined>;
  findByJobToken(token: string): Promise<CommandRow | undefined>;
  /** Newest first. */
  listByDevice(devId: string, limit: number): Promise<CommandRow[]>;
  /**
   * Every device's commands matching the filters, newest first (seq descending), from `beforeSeq`
   * on. Each filter alone is served by an index ending in seq (migration 0021).
   */
  list(query: CommandListQuery): Promise<CommandRow[]>;
  /** The device's queued, unexpired commands in seq order. */
  listQueued(devId: string, now: Date, limit: number): Promise<CommandRow[]>;
  listBySession(sessionId: string): Promise<CommandRow[]>;
  /**
   * Moves a command from one of `from` to `to.state`, setting the given fields. Returns the updated
   * row, or undefined when its state was not in `from` (so no command changes state twice).
   */
  transition(
    id: string,
    from: readonly CommandState[],
    to: CommandTransition,
  ): Promise<CommandRow | undefined>;
  /** Queued or accepted commands whose expiresAt is before `now`; locks like SessionRepository.listExpired. */
  listDueForExpiry(now: Date, limit: number): Promise<CommandRow[]>;
  /** How many commands are in each state (a gauge for /metrics); states without commands are absent. */
  countByState(): Promise<Partial<Record<CommandState, number>>>;
}
