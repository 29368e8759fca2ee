// The profile form's draft and the API input it becomes: checked in the browser with the shared
// schema (the API checks it again), and for an edit reduced to the fields that changed.
import type { z } from 'zod';
import {
  createProfileInputSchema,
  DEFAULT_PROFILE_DRIFT_RETRIES,
  type CreateProfileInput,
  type Profile,
  type UpdateProfileInput,
} from '@dmc/shared/api';

export type NodeDraft = { uri: string; value: string };
export type ExecDraft = { uri: string; data: string };

export type ProfileDraft = {
  name: string;
  query: string;
  priority: number | string;
  nodes: NodeDraft[];
  execs: ExecDraft[];
  driftRetries: number | string;
  enabled: boolean;
};

export const EMPTY_PROFILE_DRAFT: ProfileDraft = {
  name: '',
  query: '',
  priority: 0,
  nodes: [{ uri: '', value: '' }],
  execs: [],
  driftRetries: DEFAULT_PROFILE_DRIFT_RETRIES,
  enabled: true,
};

export function draftOf(profile: Profile): ProfileDraft {
  return {
    name: profile.name,
    query: profile.query,
    priority: profile.priority,
    nodes: profile.nodes.map((n) => ({ ...n })),
    execs: profile.execs.map((e) => ({ uri: e.uri, data: e.data ?? '' })),
    driftRetries: profile.driftRetries,
    enabled: profile.enabled,
  };
}

const numberOf = (value: number | string): number =>
  typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);

export type BuiltProfile =
  { ok: true; value: CreateProfileInput } | { ok: false; error: z.ZodError<CreateProfileInput> };

/** The API input of a draft, or the zod error naming each field that is wrong. */
export function buildProfileInput(draft: ProfileDraft): BuiltProfile {
  const parsed = createProfileInputSchema.safeParse({
    name: draft.name,
    query: draft.query.trim(),
    priority: numberOf(draft.priority),
    nodes: draft.nodes.map((n) => ({ uri: n.uri.trim(), value: n.value })),
    execs: draft.execs.map((e) =>
      e.data === '' ? { uri: e.uri.trim() } : { uri: e.uri.trim(), data: e.data },
    ),
    driftRetries: numberOf(draft.driftRetries),
    enabled: draft.enabled,
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** For an edit: only what differs from the stored profile (an unchanged query keeps the revision). */
export function changesOf(profile: Profile, input: CreateProfileInput): UpdateProfileInput {
  const changes: UpdateProfileInput = {};
  if (input.name !== profile.name) changes.name = input.name;
  if (input.query !== profile.query) changes.query = input.query;
  if (input.priority !== profile.priority) changes.priority = input.priority;
  if (!same(input.nodes, profile.nodes)) changes.nodes = input.nodes;
  const storedExecs = profile.execs.map((e) => (e.data === undefined ? { uri: e.uri } : e));
  if (!same(input.execs, storedExecs)) changes.execs = input.execs;
  if (input.enabled !== profile.enabled) changes.enabled = input.enabled;
  if (input.driftRetries !== profile.driftRetries) changes.driftRetries = input.driftRetries;
  return changes;
}

/** Field keys → the labels the form shows, so an error names the field as the person sees it. */
export function profileFieldLabels(draft: ProfileDraft): Record<string, string> {
  const labels: Record<string, string> = {
    name: 'Name',
    query: 'Fleet query',
    priority: 'Priority',
    nodes: 'Nodes',
    execs: 'EXECs',
    driftRetries: 'Drift retries',
    enabled: 'Enabled',
  };
  draft.nodes.forEach((_, i) => {
    labels[`nodes.${i}`] = `Node ${i + 1}`;
    labels[`nodes.${i}.uri`] = `Node ${i + 1} ClientURI`;
    labels[`nodes.${i}.value`] = `Node ${i + 1} value`;
  });
  draft.execs.forEach((_, i) => {
    labels[`execs.${i}`] = `EXEC ${i + 1}`;
    labels[`execs.${i}.uri`] = `EXEC ${i + 1} ClientURI`;
    labels[`execs.${i}.data`] = `EXEC ${i + 1} data`;
  });
  return labels;
}
