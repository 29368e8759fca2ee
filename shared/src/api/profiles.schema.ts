// Configuration profiles (protocol §14): "every device that matches this fleet query holds these node
// values", kept so by the server at each session. A profile's per-device state says which of
// verified / pending / failed / conflicted the device is in, and why.
import { z } from 'zod';

/** The most profiles the server keeps; creating one more is a 409. */
export const MAX_PROFILES = 200;
/** The most nodes and EXECs one profile may hold. */
export const MAX_PROFILE_NODES = 100;
export const MAX_PROFILE_EXECS = 20;
/** A node value longer than this is written through a hosted object the device fetches (HGET). */
export const MAX_PROFILE_VALUE_LENGTH = 65_536;
/** Writes of one node after drift before the device is `failed` with `drift-retries` (protocol §14). */
export const DEFAULT_PROFILE_DRIFT_RETRIES = 3;

/** A device's state for one profile. */
export const PROFILE_STATUSES = ['verified', 'pending', 'failed', 'conflicted'] as const;
export const profileStatusSchema = z.enum(PROFILE_STATUSES);
export type ProfileStatus = z.infer<typeof profileStatusSchema>;

const profileNameSchema = z.string().trim().min(1).max(80);
const clientUriSchema = z.string().min(1).max(2048);

/** One node the profile holds: a concrete leaf ClientURI and the value the device must report. */
export const profileNodeSchema = z.object({
  uri: clientUriSchema,
  value: z.string().max(MAX_PROFILE_VALUE_LENGTH),
});
export type ProfileNode = z.infer<typeof profileNodeSchema>;

/** An EXEC the profile runs once on each matching device, after its nodes are verified. */
export const profileExecSchema = z.object({
  uri: clientUriSchema,
  data: z.string().max(4096).optional(),
});
export type ProfileExec = z.infer<typeof profileExecSchema>;

const nodesSchema = z
  .array(profileNodeSchema)
  .min(1)
  .max(MAX_PROFILE_NODES)
  .refine((nodes) => new Set(nodes.map((n) => n.uri)).size === nodes.length, 'a node is named twice');
const execsSchema = z.array(profileExecSchema).max(MAX_PROFILE_EXECS);
const prioritySchema = z.number().int().min(-1_000_000).max(1_000_000);

/** POST /api/v1/profiles body. `query` is checked by the fleet query parser (400 with its offset). */
export const createProfileInputSchema = z.object({
  name: profileNameSchema,
  query: z.string().max(4000),
  priority: prioritySchema.default(0),
  nodes: nodesSchema,
  execs: execsSchema.default([]),
  enabled: z.boolean().default(true),
  /** Writes after drift before `failed` (`drift-retries`). */
  driftRetries: z.number().int().min(0).max(100).default(DEFAULT_PROFILE_DRIFT_RETRIES),
});
export type CreateProfileInput = z.infer<typeof createProfileInputSchema>;

/** PATCH /api/v1/profiles/:id body: the fields to change. A change of query, nodes or execs is a new revision. */
export const updateProfileInputSchema = z
  .object({
    name: profileNameSchema.optional(),
    query: z.string().max(4000).optional(),
    priority: prioritySchema.optional(),
    nodes: nodesSchema.optional(),
    execs: execsSchema.optional(),
    enabled: z.boolean().optional(),
    driftRetries: z.number().int().min(0).max(100).optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), 'change at least one field');
export type UpdateProfileInput = z.infer<typeof updateProfileInputSchema>;

/** Devices per state; `conflicted` counts devices where a higher-priority profile holds a node. */
export const profileCountsSchema = z.object({
  verified: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  conflicted: z.number().int().nonnegative(),
});
export type ProfileCounts = z.infer<typeof profileCountsSchema>;

/** Two profiles that set one node to different values (protocol §14): the higher priority wins. */
export const profileConflictSchema = z.object({
  uri: z.string(),
  /** The other profile. */
  profileId: z.string(),
  profileName: z.string(),
  /** Whether this profile wins the node (higher priority; on a tie, the older profile). */
  wins: z.boolean(),
});
export type ProfileConflict = z.infer<typeof profileConflictSchema>;

/** A profile as the API shows it. */
export const profileSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  priority: z.number().int(),
  nodes: z.array(profileNodeSchema),
  execs: z.array(profileExecSchema),
  enabled: z.boolean(),
  driftRetries: z.number().int(),
  /** Bumped by every change of query, nodes or execs. */
  revision: z.number().int().positive(),
  counts: profileCountsSchema,
  /** Profiles whose nodes overlap this one's with other values (their queries may both match). */
  conflicts: z.array(profileConflictSchema),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Profile = z.infer<typeof profileSchema>;

/** GET /api/v1/profiles: every profile, by priority (highest first), then name. */
export const profileListSchema = z.object({ items: z.array(profileSchema) });
export type ProfileList = z.infer<typeof profileListSchema>;

/** Where one node of a profile stands on one device. */
export const PROFILE_NODE_STATES = [
  /** The device reported the profile's value after it was last written (or before any write). */
  'verified',
  /** Not written yet: waits for the device's next session, or for what `reason` names. */
  'waiting',
  /** A write is queued or sent. */
  'writing',
  /** The write succeeded; the read-back is queued or sent. */
  'reading-back',
  'failed',
  /** A higher-priority profile holds this node. */
  'conflicted',
] as const;
export const profileNodeStateSchema = z.enum(PROFILE_NODE_STATES);
export type ProfileNodeState = z.infer<typeof profileNodeStateSchema>;

export const profileNodeProgressSchema = z.object({
  uri: z.string(),
  state: profileNodeStateSchema,
  /** What it waits for, why it failed, or which profile holds it (plain language). */
  reason: z.string().nullable(),
  /** The DM status of the failed write or read-back, with its meaning in `reason`. */
  sc: z.number().int().nullable(),
  /** The write or read-back command in flight or last sent. */
  commandId: z.string().nullable(),
  /** Writes after drift so far (the first write is not counted). */
  driftWrites: z.number().int().nonnegative(),
});
export type ProfileNodeProgress = z.infer<typeof profileNodeProgressSchema>;

export const profileExecProgressSchema = z.object({
  uri: z.string(),
  state: z.enum(['waiting', 'queued', 'done', 'failed']),
  reason: z.string().nullable(),
  sc: z.number().int().nullable(),
  commandId: z.string().nullable(),
});
export type ProfileExecProgress = z.infer<typeof profileExecProgressSchema>;

/** One device's state for one profile. */
export const profileDeviceStateSchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  devId: z.string(),
  status: profileStatusSchema,
  /** The one-line why of `pending`, `failed` or `conflicted`; null when verified. */
  reason: z.string().nullable(),
  nodes: z.array(profileNodeProgressSchema),
  execs: z.array(profileExecProgressSchema),
  /** The profile revision this state is for. */
  revision: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type ProfileDeviceState = z.infer<typeof profileDeviceStateSchema>;

/** GET /api/v1/profiles/:id/status query: devices in one state, keyset-paged by DevID. */
export const profileStatusQuerySchema = z.object({
  status: profileStatusSchema.optional(),
  after: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ProfileStatusQuery = z.infer<typeof profileStatusQuerySchema>;

/** GET /api/v1/profiles/:id/status (protocol §14). */
export const profileStatusPageSchema = profileCountsSchema.extend({
  devices: z.array(profileDeviceStateSchema),
  /** DevID to pass as `after` for the next page; null on the last. */
  next: z.string().nullable(),
});
export type ProfileStatusPage = z.infer<typeof profileStatusPageSchema>;

/** GET /api/v1/devices/:devId/profiles: the profiles that apply to the device and its state in each. */
export const deviceProfilesSchema = z.object({ items: z.array(profileDeviceStateSchema) });
export type DeviceProfiles = z.infer<typeof deviceProfilesSchema>;
