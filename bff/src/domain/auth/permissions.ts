// The one permission table (protocol §8): every route names an action; roles grant actions.
import type { Role } from '@dmc/shared/api';

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
  /** Create, preview, start, pause, resume and cancel campaigns; bulk work (protocol §11). */
  'campaigns:write',
  /** Approve another user's campaign (admin only; never the creator's own). */
  'campaigns:approve',
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
  ],
  support: READ,
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}
