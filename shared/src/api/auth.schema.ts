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
});
export type LoginInput = z.infer<typeof loginInputSchema>;

/** A console user as the API shows it. */
export const userSchema = z.object({ username: z.string(), role: roleSchema });
export type User = z.infer<typeof userSchema>;

/** POST /api/v1/auth/login response. */
export const loginResponseSchema = z.object({ token: z.string(), user: userSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** POST /api/v1/users body (admin only). */
export const createUserInputSchema = z.object({
  username: usernameSchema,
  password: z.string().min(8, 'at least 8 characters').max(1024),
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;
