import { z } from 'zod';
import { moDataSchema } from '../protocol/mo-serialization.schema';
import { commandNameSchema } from '../protocol/commands.schema';
import { usernameSchema } from './auth.schema';
import { devIdSchema } from './devices.schema';
import { pageSpecSchema } from './device-pages.schema';
import { commandOutcomeSchema } from './command-outcome';

/** Lifecycle of a queued command (protocol §8). */
export const COMMAND_STATES = ['queued', 'sent', 'accepted', 'ok', 'failed', 'cancelled', 'expired'] as const;
export const commandStateSchema = z.enum(COMMAND_STATES);
export type CommandState = z.infer<typeof commandStateSchema>;

/** States after which a command never changes again. */
export const FINAL_COMMAND_STATES: readonly CommandState[] = ['ok', 'failed', 'cancelled', 'expired'];

/**
 * Why the server ended a command when no status of the device says it: `no-status`, sent in
 * DMC_MAX_DELIVERIES sessions without a status (protocol §12).
 */
export const COMMAND_FAILURE_REASONS = ['no-status'] as const;
export const commandFailureReasonSchema = z.enum(COMMAND_FAILURE_REASONS);
export type CommandFailureReason = z.infer<typeof commandFailureReasonSchema>;

/** States in which an operator may cancel a command (protocol §8.4, §12). */
export const CANCELLABLE_COMMAND_STATES: readonly CommandState[] = ['queued', 'sent'];

/** Commands an operator may queue: everything but CONT and END, which the server manages. */
export const QUEUEABLE_COMMANDS = [
  'HGET',
  'HPUT',
  'HPOST',
  'DELETE',
  'EXEC',
  'GET',
  'SHOW',
  'DEFAULT',
  'SUB',
  'UNSUB',
] as const;

const uri = z.string().min(1).max(2048);
const serverUri = uri.nullable();

/**
 * The command as the API takes it: like the wire tuple, but a `null` ServerURI asks the server to
 * fill in its own DR / job / page URL (protocol §8).
 */
export const queueableCommandSchema = z.union([
  z.tuple([z.literal('HGET'), serverUri]),
  z.tuple([z.literal('HGET'), serverUri, uri]),
  z.tuple([z.literal('HPUT'), serverUri, uri], uri),
  z.tuple([z.literal('HPOST'), serverUri, uri], uri),
  z.tuple([z.literal('DELETE'), uri]),
  z.tuple([z.literal('EXEC'), uri]),
  z.tuple([z.literal('GET'), uri]),
  z.tuple([z.literal('SHOW'), serverUri]),
  z.tuple([z.literal('DEFAULT'), serverUri, uri]),
  z.tuple([z.literal('SUB'), serverUri, uri]),
  z.tuple([z.literal('UNSUB'), uri]),
]);
export type QueueableCommand = z.infer<typeof queueableCommandSchema>;

/** POST /api/v1/devices/:devId/commands body. */
export const queueCommandInputSchema = z.object({
  command: queueableCommandSchema,
  /** MOData the server hosts for an HGET write (or a DEFAULT source). */
  data: moDataSchema.optional(),
  /**
   * ClientURI written into the hosted MO serialization; defaults to the command's ClientURI. Needed
   * for HGET without a ClientURI, e.g. `urn:oma:mo:oma-scomo:1.0//` to let the device choose the MIID.
   */
  dataUri: z.string().min(1).max(2048).optional(),
  /** Seconds until an unsent command expires; the server default applies when absent. */
  ttlS: z
    .number()
    .int()
    .min(1)
    .max(90 * 24 * 3600)
    .optional(),
  /** For `["SHOW", null]`: the page the server hosts at its /ui/ URL (protocol §8). */
  page: pageSpecSchema.optional(),
  /** For `["SHOW", null]`: a stored page template to show instead of `page`. */
  pageTemplateId: z.string().min(1).max(128).optional(),
});
export type QueueCommandInput = z.infer<typeof queueCommandInputSchema>;

/** A command record as the API shows it. */
export const commandRecordSchema = z.object({
  id: z.string(),
  devId: z.string(),
  command: z.array(z.string()),
  state: commandStateSchema,
  sc: z.number().int().nullable(),
  scMeaning: z.string().nullable(),
  result: z.unknown().nullable(),
  /** What the person answered a SHOW that ended `ok` (`declined` …); null otherwise (protocol §8). */
  outcome: commandOutcomeSchema.nullable(),
  /** In how many P2s the command was sent (protocol §12). */
  deliveries: z.number().int().min(0),
  /** Set when the server, not a status, ended the command. */
  reason: commandFailureReasonSchema.nullable(),
  /** Username of who queued it; null when the server did (a firmware update's steps). */
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
});
export type CommandRecord = z.infer<typeof commandRecordSchema>;

/** POST …/commands response. */
export const queuedCommandSchema = z.object({ id: z.string(), state: commandStateSchema });
export type QueuedCommand = z.infer<typeof queuedCommandSchema>;

export const commandListSchema = z.object({ items: z.array(commandRecordSchema) });
export type CommandList = z.infer<typeof commandListSchema>;

/** GET /api/v1/devices/:devId/commands query string. */
export const listCommandsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListCommandsQuery = z.infer<typeof listCommandsQuerySchema>;

/**
 * GET /api/v1/commands query string: every device's commands, newest first, keyset-paged. `since`
 * (inclusive) and `until` (exclusive) bound when a command was queued. `campaignId` keeps the
 * commands a campaign queued on its devices (protocol §11).
 */
export const listFleetCommandsQuerySchema = z
  .object({
    state: commandStateSchema.optional(),
    devId: devIdSchema.optional(),
    /** Username of who queued the commands. */
    createdBy: usernameSchema.optional(),
    /** The command's name, e.g. `EXEC`. */
    command: commandNameSchema.optional(),
    campaignId: z.string().min(1).max(128).optional(),
    since: z.iso.datetime().optional(),
    until: z.iso.datetime().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(512).optional(),
  })
  .refine(
    (q) => q.since === undefined || q.until === undefined || Date.parse(q.since) < Date.parse(q.until),
    {
      message: 'since must be before until',
      path: ['until'],
    },
  );
export type ListFleetCommandsQuery = z.infer<typeof listFleetCommandsQuerySchema>;

export const commandPageSchema = z.object({
  items: z.array(commandRecordSchema),
  nextCursor: z.string().nullable(),
});
export type CommandPage = z.infer<typeof commandPageSchema>;

/** Why a command would fail, found before anything is queued (product: "validate before sending"). */
export const DRY_RUN_PROBLEM_CODES = [
  'MALFORMED_URI',
  'MO_NOT_REPORTED',
  'UNKNOWN_NODE',
  'ACCESS_DENIED',
  'PERMANENT_NODE',
  'WRONG_FORMAT',
  'OCCURRENCE',
  'MISSING_DATA',
] as const;
export const dryRunProblemSchema = z.object({
  code: z.enum(DRY_RUN_PROBLEM_CODES),
  /** Plain language: "would fail because …". */
  message: z.string(),
  /** The ClientURI (or node path) the problem is about, if any. */
  clientUri: z.string().nullable(),
});
export type DryRunProblem = z.infer<typeof dryRunProblemSchema>;

/** POST /api/v1/devices/:devId/commands/dry-run (body: the queue body) → what would happen. */
export const dryRunResultSchema = z.object({
  ok: z.boolean(),
  problems: z.array(dryRunProblemSchema),
});
export type DryRunResult = z.infer<typeof dryRunResultSchema>;
