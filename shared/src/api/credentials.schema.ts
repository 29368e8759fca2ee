// Console sessions and API tokens (protocol §10): the caller's own sessions, and the tokens
// integrations send as `Authorization: Bearer`.
import { z } from 'zod';
import { roleSchema } from './auth.schema';

/** How a session's token travels: the console's httpOnly cookie, or a script's bearer header. */
export const SESSION_KINDS = ['cookie', 'bearer'] as const;

/** One of the caller's sessions, as GET /api/v1/auth/sessions lists it. */
export const authSessionSchema = z.object({
  id: z.string(),
  /** The session of this request. */
  current: z.boolean(),
  kind: z.enum(SESSION_KINDS),
  createdAt: z.iso.datetime(),
  /** Recorded at most about once a minute. */
  lastUsedAt: z.iso.datetime(),
  /** The absolute end (12 h after sign-in). */
  expiresAt: z.iso.datetime(),
  /** When the session ends unless it is used before (DMC_SESSION_IDLE_MINUTES after lastUsedAt). */
  idleExpiresAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
  address: z.string().nullable(),
});
export type AuthSession = z.infer<typeof authSessionSchema>;

export const authSessionListSchema = z.object({ items: z.array(authSessionSchema) });
export type AuthSessionList = z.infer<typeof authSessionListSchema>;

/** DELETE /api/v1/auth/sessions ("sign out everywhere else") response. */
export const endedSessionsSchema = z.object({ ended: z.number().int().min(0) });
export type EndedSessions = z.infer<typeof endedSessionsSchema>;

/** Prefix of every API token, so secret scanners can recognise a leaked one. */
export const API_TOKEN_PREFIX = 'dmc_';
export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_DEFAULT_DAYS = 90;

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'give the token a name')
  .max(64, 'at most 64 characters')
  .regex(/^[\w .:@/-]+$/, 'letters, digits, spaces and . : @ / _ - only');

/** POST /api/v1/tokens body. The role defaults to the creator's and may not exceed it. */
export const createApiTokenInputSchema = z
  .object({
    name: apiTokenNameSchema,
    role: roleSchema.optional(),
    expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).optional(),
  })
  .strict();
export type CreateApiTokenInput = z.infer<typeof createApiTokenInputSchema>;

/** POST /api/v1/tokens response: the only time the secret is shown. */
export const createdApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  token: z.string().startsWith(API_TOKEN_PREFIX),
  expiresAt: z.iso.datetime(),
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

/** An API token as GET /api/v1/tokens lists it: never its secret. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** The owner: the caller, or anyone for an admin. */
  username: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;
