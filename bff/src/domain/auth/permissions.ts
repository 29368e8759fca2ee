// The one permission table (protocol §8): every route names an action; roles grant actions.
import { ROLES, type Role } from '@dmc/shared/api';

export const ACTIONS = [
  'fleet:read',
  'devices:write',
  'commands:read',
  'commands:write',
  'alerts:read',
  'alerts:write',
  'users:write',
  'artifacts:write',
  /** Read and export the audit log, verify its chain (admin only). */
  'audit:read',
  /** See and revoke every user's API tokens, not only one's own (admin only). */
  'tokens:all',
  /** Create, preview, start, pause, resume and cancel campaigns; bulk work (protocol §11). */
  'campaigns:write',
  /** Approve another user's campaign (admin only; never the creator's own). */
  'campaigns:approve',
  /** Create, change, disable and remove configuration profiles (protocol §14). */
  'profiles:write',
] as const;
export type Action = (typeof ACTIONS)[number];

const READ: readonly Action[] = ['fleet:read', 'commands:read', 'alerts:read'];

export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  admin: ACTIONS,
  operator: [
    ...READ,
    'devices:write',
    'commands:write',
    'artifacts:write',
    'alerts:write',
    'campaigns:write',
    'profiles:write',
  ],
  support: READ,
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/** Whether `role` may do more than `ceiling` (roles are ordered admin > operator > support). */
export function exceeds(role: Role, ceiling: Role): boolean {
  return ROLES.indexOf(role) < ROLES.indexOf(ceiling);
}

/** The lower of two roles: what an API token may do under its owner's current role. */
export function lowerRole(a: Role, b: Role): Role {
  return exceeds(a, b) ? b : a;
}
