import type { ProfileExecProgress, ProfileNodeState, ProfileStatus } from '@dmc/shared/api';
import { quoteString } from '@dmc/shared/query';

/** Device states in the order the compliance bar shows them, with their colours. */
export const PROFILE_STATUS_ORDER: readonly ProfileStatus[] = ['verified', 'pending', 'failed', 'conflicted'];

export const PROFILE_STATUS_COLORS: Record<ProfileStatus, string> = {
  verified: 'teal',
  pending: 'blue',
  failed: 'red',
  conflicted: 'orange',
};

export const NODE_STATE_COLORS: Record<ProfileNodeState, string> = {
  verified: 'teal',
  waiting: 'gray',
  writing: 'blue',
  'reading-back': 'cyan',
  failed: 'red',
  conflicted: 'orange',
};

export const EXEC_STATE_COLORS: Record<ProfileExecProgress['state'], string> = {
  waiting: 'gray',
  queued: 'blue',
  done: 'teal',
  failed: 'red',
};

/** The fleet query of a profile's devices in one state (the query language's `profile` term). */
export function profileStatusQuery(name: string, status: ProfileStatus): string {
  return `profile ${quoteString(name)} = ${status}`;
}

/** The campaign form, its target prefilled with the profile's failed devices. */
export function campaignFromFailedUrl(name: string): string {
  return `/campaigns/new?${new URLSearchParams({ query: profileStatusQuery(name, 'failed') }).toString()}`;
}

/** A profile's page in the console. */
export const profilePath = (id: string) => `/profiles/${encodeURIComponent(id)}`;
