import { z } from 'zod';

/** Console roles (protocol §8). */
export const ROLES = ['admin', 'operator', 'support'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Console user names: short, no spaces. */
export const usernameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');

/** POST /api/v1/auth/login body. */
export const loginInputSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
  /**
   * A script's sign-in: the token comes back in the body (for `Authorization: Bearer`) and no
   * cookie is set. Without it the session lives only in the httpOnly cookie (protocol §10).
   */
  bearer: z.boolean().optional(),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

/** A console user as the API shows it. */
export const userSchema = z.object({ username: z.string(), role: roleSchema });
export type User = z.infer<typeof userSchema>;

/** POST /api/v1/auth/login response; `token` only when the body asked for `bearer`. */
export const loginResponseSchema = z.object({
  user: userSchema,
  expiresAt: z.iso.datetime(),
  token: z.string().optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
/** The answer to a script's sign-in (`"bearer": true`): the token is there. */
export const bearerLoginResponseSchema = loginResponseSchema.extend({ token: z.string() });

/**
 * A new console password (protocol §10): 12 to 256 characters. The server also refuses common
 * passwords; both rules are named in the 400 it answers.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

/** POST /api/v1/users body (admin only). */
export const createUserInputSchema = z.object({
  username: usernameSchema,
  password: newPasswordSchema,
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

/** A console user as GET /api/v1/users lists it (protocol §10). */
export const userAccountSchema = z.object({
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;

/** GET /api/v1/users response. */
export const userListSchema = z.object({ items: z.array(userAccountSchema) });
export type UserList = z.infer<typeof userListSchema>;

/**
 * PATCH /api/v1/users/:username body. An admin may change role, disabled and password; any user
 * may change its own password with `{ password, currentPassword }`.
 */
export const updateUserInputSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: newPasswordSchema.optional(),
    currentPassword: z.string().min(1).max(1024).optional(),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, {
    message: 'give role, disabled or password',
  });
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;
