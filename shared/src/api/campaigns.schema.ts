// Campaigns: one action over many devices, in waves, stopped by an error threshold and promoted by a
// health gate (protocol §11). Bulk actions of the Devices page are one-wave campaigns.
import { z } from 'zod';
import { devIdSchema, labelSchema } from './devices.schema';
import { queueCommandInputSchema } from './commands.schema';

export const CAMPAIGN_STATES = [
  'draft',
  'awaiting-approval',
  'running',
  'paused',
  'completed',
  'cancelled',
] as const;
export const campaignStateSchema = z.enum(CAMPAIGN_STATES);
export type CampaignState = z.infer<typeof campaignStateSchema>;

/** States after which a campaign never changes again. */
export const FINAL_CAMPAIGN_STATES: readonly CampaignState[] = ['completed', 'cancelled'];

/** A device's part in a campaign. */
export const CAMPAIGN_DEVICE_STATES = ['pending', 'running', 'ok', 'failed', 'skipped', 'cancelled'] as const;
export const campaignDeviceStateSchema = z.enum(CAMPAIGN_DEVICE_STATES);
export type CampaignDeviceState = z.infer<typeof campaignDeviceStateSchema>;
export const FINAL_CAMPAIGN_DEVICE_STATES: readonly CampaignDeviceState[] = [
  'ok',
  'failed',
  'skipped',
  'cancelled',
];

/**
 * A wave: `pending` (not begun), `running` (its devices' actions are queued and under way), `gating`
 * (every device finished; the health gate's window is open), `done`.
 */
export const WAVE_STATES = ['pending', 'running', 'gating', 'done'] as const;
export const waveStateSchema = z.enum(WAVE_STATES);
export type WaveState = z.infer<typeof waveStateSchema>;

/** Why a running campaign stopped before its next wave. */
export const CAMPAIGN_PAUSE_REASONS = ['manual', 'error-threshold', 'health-gate'] as const;
export const campaignPauseReasonSchema = z.enum(CAMPAIGN_PAUSE_REASONS);
export type CampaignPauseReason = z.infer<typeof campaignPauseReasonSchema>;

/**
 * Why a device did not run or failed, besides a DM status: `incompatible` (the artifact's
 * `compatible` list excludes its Man/Mod/HwV), `already-compliant` (it already reports the target),
 * `dry-run` (the dry run of §8 says the command would fail), `busy` (another running campaign holds
 * the same MO instance), `version-mismatch` (after a firmware update the device reports another
 * version), `no-instance` (the device never reported the MO the action needs), `command-failed`,
 * `declined` (the person on the device declined the consent page), `label-limit` (bulk labels would
 * take the device over its label limit; it is left as it was), `cancelled`.
 */
export const CAMPAIGN_DEVICE_REASONS = [
  'incompatible',
  'already-compliant',
  'dry-run',
  'busy',
  'version-mismatch',
  'no-instance',
  'command-failed',
  'declined',
  'label-limit',
  'cancelled',
] as const;
export const campaignDeviceReasonSchema = z.enum(CAMPAIGN_DEVICE_REASONS);
export type CampaignDeviceReason = z.infer<typeof campaignDeviceReasonSchema>;

const artifactIdSchema = z.string().min(1).max(128);

/**
 * The action a campaign applies to each device (protocol §11). `wake` and `labels` are for bulk
 * work (`POST /api/v1/devices/bulk`): a P0 wake-up now, or labels added and removed.
 */
export const campaignActionSchema = z.discriminatedUnion('kind', [
  queueCommandInputSchema.extend({ kind: z.literal('command') }),
  z.object({
    kind: z.literal('firmware-update'),
    artifactId: artifactIdSchema,
    consent: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('software-install'),
    artifactId: artifactIdSchema,
    consent: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('wake') }),
  z
    .object({
      kind: z.literal('labels'),
      add: z.array(labelSchema).max(32).default([]),
      remove: z.array(labelSchema).max(32).default([]),
    })
    .refine((a) => a.add.length + a.remove.length > 0, 'add or remove at least one label'),
]);
export type CampaignAction = z.infer<typeof campaignActionSchema>;
export type CampaignActionKind = CampaignAction['kind'];

/** Largest wave count a campaign may plan, and the most devices a campaign may hold. */
export const MAX_CAMPAIGN_WAVES = 1000;
export const MAX_CAMPAIGN_DEVICES = 1_000_000;

/**
 * Waves: a canary group first, then fixed-size waves or cumulative percentages of the matched
 * devices (the last must be 100).
 */
export const waveSpecSchema = z.union([
  z.object({
    canary: z.number().int().min(0).max(100_000).default(0),
    size: z.number().int().min(1).max(MAX_CAMPAIGN_DEVICES),
  }),
  z.object({
    canary: z.number().int().min(0).max(100_000).default(0),
    percentages: z
      .array(z.number().int().min(1).max(100))
      .min(1)
      .max(20)
      .refine((p) => p.every((v, i) => i === 0 || v > (p[i - 1] ?? 0)), 'percentages must rise')
      .refine((p) => p.at(-1) === 100, 'the last percentage must be 100'),
  }),
]);
export type WaveSpec = z.infer<typeof waveSpecSchema>;

/**
 * The health gate between waves: a finished wave is promoted only when its devices report the target
 * (the command ok; for firmware, the artifact's version in DevInfo/FwV) and, over `windowS` after
 * each device finished, its alerts do not exceed `maxAlertRatio` × its alert rate over the same
 * window before (a device with no alerts before may raise at most `minAlerts`).
 */
export const healthGateSchema = z.object({
  windowS: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(300),
  maxAlertRatio: z.number().min(0).max(100).default(1),
  minAlerts: z.number().int().min(0).max(1000).default(0),
});
export type HealthGate = z.infer<typeof healthGateSchema>;

/**
 * Which devices: a fleet query (`""` selects every device), a saved view (its query, copied when the
 * campaign is made) or named devices; exactly one of them.
 */
function exactlyOneTarget(input: {
  query?: string | undefined;
  viewId?: string | undefined;
  devIds?: string[] | undefined;
}): boolean {
  return [input.query, input.viewId, input.devIds].filter((t) => t !== undefined).length === 1;
}
const TARGET_MESSAGE =
  'give exactly one of "query" (a fleet query; "" selects every device), "viewId" (a saved view) or "devIds"';
/** A saved view's id (GET /api/v1/views) as a campaign's target. */
const viewIdSchema = z.string().min(1).max(128);

/** POST /api/v1/campaigns/preview body. */
export const campaignPreviewInputSchema = z
  .object({
    query: z.string().max(4000).optional(),
    viewId: viewIdSchema.optional(),
    devIds: z.array(devIdSchema).min(1).max(10_000).optional(),
    action: campaignActionSchema,
  })
  .refine(exactlyOneTarget, TARGET_MESSAGE);
export type CampaignPreviewInput = z.infer<typeof campaignPreviewInputSchema>;

export const PREVIEW_VERDICTS = ['run', 'compliant', 'incompatible', 'would-fail', 'busy'] as const;
export const previewVerdictSchema = z.enum(PREVIEW_VERDICTS);
export type PreviewVerdict = z.infer<typeof previewVerdictSchema>;

/** POST /api/v1/campaigns/preview response: nothing changed, counts and a sample per verdict. */
export const campaignPreviewSchema = z.object({
  matched: z.number().int(),
  alreadyCompliant: z.number().int(),
  incompatible: z.number().int(),
  wouldFail: z.number().int(),
  busy: z.number().int(),
  wouldRun: z.number().int(),
  /** Each verdict's reasons with how many devices have each. */
  reasons: z.array(z.object({ verdict: previewVerdictSchema, reason: z.string(), count: z.number().int() })),
  /** Up to 5 devices per verdict. */
  sample: z.array(
    z.object({ devId: z.string(), verdict: previewVerdictSchema, reason: z.string().optional() }),
  ),
});
export type CampaignPreview = z.infer<typeof campaignPreviewSchema>;

/** POST /api/v1/campaigns body. */
export const createCampaignInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    query: z.string().max(4000).optional(),
    viewId: viewIdSchema.optional(),
    devIds: z.array(devIdSchema).min(1).max(10_000).optional(),
    action: campaignActionSchema,
    waves: waveSpecSchema.default({ canary: 0, size: MAX_CAMPAIGN_DEVICES }),
    /** Pause before the next wave when failed ÷ finished exceeds this share (0–100). */
    errorThresholdPct: z.number().min(0).max(100).default(10),
    healthGate: healthGateSchema.optional(),
    /** Needs a second admin's approval (also when DMC_CAMPAIGN_APPROVAL=required). */
    approval: z.boolean().optional(),
    /** Devices that match the query later join the campaign's last wave. */
    dynamic: z.boolean().default(false),
    /** Start at once (or ask for approval); otherwise the campaign stays a draft. */
    start: z.boolean().default(true),
  })
  .refine(exactlyOneTarget, TARGET_MESSAGE);
export type CreateCampaignInput = z.infer<typeof createCampaignInputSchema>;

export const campaignCountsSchema = z.object({
  pending: z.number().int(),
  running: z.number().int(),
  ok: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.number().int(),
});
export type CampaignCounts = z.infer<typeof campaignCountsSchema>;

export const campaignWaveSchema = z.object({
  n: z.number().int(),
  size: z.number().int(),
  state: waveStateSchema,
  startedAt: z.iso.datetime().nullable(),
  /** When the health gate may promote the wave at the earliest. */
  gateUntil: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  /** Why the gate holds the wave, in words, while it does. */
  gateReason: z.string().nullable(),
});
export type CampaignWave = z.infer<typeof campaignWaveSchema>;

/** A campaign as the API shows it (GET /api/v1/campaigns/:id, and `campaign:updated`). */
export const campaignRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: campaignStateSchema,
  query: z.string().nullable(),
  /** The saved view the query was copied from when the campaign was made, by its name then. */
  viewName: z.string().nullable(),
  /** How many devices were named, for a campaign over selected devices. */
  devIdCount: z.number().int().nullable(),
  action: campaignActionSchema,
  waveSpec: waveSpecSchema,
  waves: z.array(campaignWaveSchema),
  errorThresholdPct: z.number(),
  healthGate: healthGateSchema.nullable(),
  dynamic: z.boolean(),
  approvalRequired: z.boolean(),
  counts: campaignCountsSchema,
  pausedReason: campaignPauseReasonSchema.nullable(),
  /** Bulk work from the Devices page (one wave, no threshold). */
  bulk: z.boolean(),
  createdBy: z.string(),
  approvedBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type CampaignRecord = z.infer<typeof campaignRecordSchema>;

/** POST /api/v1/campaigns (and …/bulk) response. */
export const createdCampaignSchema = z.object({ id: z.string(), state: campaignStateSchema });
export type CreatedCampaign = z.infer<typeof createdCampaignSchema>;

/** GET /api/v1/campaigns query string. */
export const listCampaignsQuerySchema = z.object({
  state: campaignStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuerySchema>;

export const campaignListSchema = z.object({
  items: z.array(campaignRecordSchema),
  nextCursor: z.string().nullable(),
});
export type CampaignList = z.infer<typeof campaignListSchema>;

/** One device's part in a campaign (GET /api/v1/campaigns/:id/devices). */
export const campaignDeviceSchema = z.object({
  campaignId: z.string(),
  devId: z.string(),
  wave: z.number().int().nullable(),
  state: campaignDeviceStateSchema,
  commandId: z.string().nullable(),
  operationId: z.string().nullable(),
  /** The DM status that ended it, when one did. */
  sc: z.number().int().nullable(),
  reason: campaignDeviceReasonSchema.nullable(),
  /** The reason in words (the dry run's problem, the mismatching version…). */
  detail: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export type CampaignDevice = z.infer<typeof campaignDeviceSchema>;

export const listCampaignDevicesQuerySchema = z.object({
  state: campaignDeviceStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(512).optional(),
});
export type ListCampaignDevicesQuery = z.infer<typeof listCampaignDevicesQuerySchema>;

export const campaignDeviceListSchema = z.object({
  items: z.array(campaignDeviceSchema),
  nextCursor: z.string().nullable(),
});
export type CampaignDeviceList = z.infer<typeof campaignDeviceListSchema>;

/** GET /api/v1/devices/:devId/campaigns: the device's part in each campaign, newest first. */
export const deviceCampaignListSchema = z.object({
  items: z.array(
    campaignDeviceSchema.extend({
      campaignName: z.string(),
      campaignState: campaignStateSchema,
      /** Wave 0 is a canary group (named so, as on the campaign's page). */
      hasCanary: z.boolean(),
    }),
  ),
});
export type DeviceCampaignList = z.infer<typeof deviceCampaignListSchema>;

/** POST /api/v1/devices/bulk body: one action on selected devices or all that match a query. */
export const bulkActionInputSchema = z
  .object({
    query: z.string().max(4000).optional(),
    viewId: viewIdSchema.optional(),
    devIds: z.array(devIdSchema).min(1).max(10_000).optional(),
    action: campaignActionSchema,
    /** A name for the campaign that follows it; the server makes one from the action otherwise. */
    name: z.string().trim().min(1).max(120).optional(),
  })
  .refine(exactlyOneTarget, TARGET_MESSAGE);
export type BulkActionInput = z.infer<typeof bulkActionInputSchema>;

/** The manual verbs of POST /api/v1/campaigns/:id/{verb}. */
export const CAMPAIGN_VERBS = ['approve', 'start', 'pause', 'resume', 'cancel'] as const;
export type CampaignVerb = (typeof CAMPAIGN_VERBS)[number];
