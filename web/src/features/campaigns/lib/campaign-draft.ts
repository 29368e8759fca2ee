import {
  createCampaignInputSchema,
  healthGateSchema,
  waveSpecSchema,
  type CampaignAction,
  type CreateCampaignInput,
  type HealthGate,
  type WaveSpec,
} from '@dmc/shared/api';
import { buildQueueInput } from '../../commands/lib/build-queue-input';
import { EMPTY_DRAFT, type ComposerDraft } from '../../commands/lib/composer-draft';

/** The inputs of the New campaign form, as typed; `buildCampaignInput` turns them into the API body. */
export type ActionDraft = {
  kind: 'command' | 'firmware-update' | 'software-install';
  command: ComposerDraft;
  artifactId: string;
  consent: boolean;
};

export type WaveDraft = {
  mode: 'size' | 'percentages';
  canary: string;
  size: string;
  /** Cumulative shares, e.g. "10, 40, 100". */
  percentages: string;
};

export type GateDraft = { enabled: boolean; windowS: string; maxAlertRatio: string; minAlerts: string };

export type CampaignDraft = {
  name: string;
  action: ActionDraft;
  waves: WaveDraft;
  errorThresholdPct: string;
  gate: GateDraft;
  approval: boolean;
  dynamic: boolean;
};

/**
 * The devices a campaign targets: a fleet query ("" is every device), a saved view (the server copies
 * its query) or named devices.
 */
export type CampaignTarget = { query: string } | { viewId: string } | { devIds: string[] };

export const EMPTY_CAMPAIGN_DRAFT: CampaignDraft = {
  name: '',
  action: { kind: 'command', command: EMPTY_DRAFT, artifactId: '', consent: false },
  waves: { mode: 'size', canary: '0', size: '100', percentages: '10, 50, 100' },
  errorThresholdPct: '10',
  gate: { enabled: false, windowS: '300', maxAlertRatio: '1', minAlerts: '0' },
  approval: false,
  dynamic: false,
};

export type CampaignField =
  | 'name'
  | 'viewId'
  | 'command'
  | 'artifactId'
  | 'canary'
  | 'size'
  | 'percentages'
  | 'errorThresholdPct'
  | 'windowS'
  | 'maxAlertRatio'
  | 'minAlerts';

export type Built<T> = { ok: true; value: T } | { ok: false; field: CampaignField; message: string };

const fail = <T>(field: CampaignField, message: string): Built<T> => ({ ok: false, field, message });

/** A whole number ≥ `min` typed in a box, or undefined. */
function wholeNumber(text: string, min: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min ? value : undefined;
}

function decimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** The wave boxes as the API's wave spec: a canary group, then fixed sizes or cumulative shares. */
export function buildWaveSpec(draft: WaveDraft): Built<WaveSpec> {
  const canary = wholeNumber(draft.canary === '' ? '0' : draft.canary, 0);
  if (canary === undefined)
    return fail('canary', 'The canary group is a whole number of devices (0 for none).');
  if (draft.mode === 'size') {
    const size = wholeNumber(draft.size, 1);
    if (size === undefined) return fail('size', 'A wave holds at least one device.');
    const parsed = waveSpecSchema.safeParse({ canary, size });
    return parsed.success ? { ok: true, value: parsed.data } : fail('size', 'This wave size is too large.');
  }
  const parts = draft.percentages.split(/[\s,;]+/).filter((p) => p !== '');
  const percentages = parts.map((p) => wholeNumber(p.replace(/%$/, ''), 1));
  if (parts.length === 0 || percentages.some((p) => p === undefined || p > 100)) {
    return fail('percentages', 'List whole percentages from 1 to 100, e.g. 10, 40, 100.');
  }
  const parsed = waveSpecSchema.safeParse({ canary, percentages });
  if (!parsed.success) {
    return fail('percentages', parsed.error.issues.at(-1)?.message ?? 'These percentages are not valid.');
  }
  return { ok: true, value: parsed.data };
}

/** The action boxes as the API's action; a command goes through the command composer's builder. */
export function buildAction(draft: ActionDraft): Built<CampaignAction> {
  if (draft.kind === 'command') {
    const built = buildQueueInput(draft.command);
    if (!built.ok) return fail('command', built.message);
    return { ok: true, value: { kind: 'command', ...built.input } };
  }
  if (draft.artifactId === '') return fail('artifactId', 'Choose an artifact.');
  return {
    ok: true,
    value: { kind: draft.kind, artifactId: draft.artifactId, ...(draft.consent ? { consent: true } : {}) },
  };
}

export function buildHealthGate(draft: GateDraft): Built<HealthGate | undefined> {
  if (!draft.enabled) return { ok: true, value: undefined };
  const windowS = wholeNumber(draft.windowS, 0);
  if (windowS === undefined) return fail('windowS', 'The window is a whole number of seconds.');
  const maxAlertRatio = decimal(draft.maxAlertRatio);
  if (maxAlertRatio === undefined || maxAlertRatio < 0) {
    return fail('maxAlertRatio', 'The alert ratio is a number, e.g. 1.5.');
  }
  const minAlerts = wholeNumber(draft.minAlerts === '' ? '0' : draft.minAlerts, 0);
  if (minAlerts === undefined) return fail('minAlerts', 'A whole number of alerts.');
  const parsed = healthGateSchema.safeParse({ windowS, maxAlertRatio, minAlerts });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0] === 'windowS' ? 'windowS' : 'maxAlertRatio';
    return fail(field, parsed.error.issues[0]?.message ?? 'Not a valid health gate.');
  }
  return { ok: true, value: parsed.data };
}

/** The body of POST /api/v1/campaigns (also what the preview checks), or the first wrong input. */
export function buildCampaignInput(
  draft: CampaignDraft,
  target: CampaignTarget,
  start: boolean,
): Built<CreateCampaignInput> {
  if (draft.name.trim() === '') return fail('name', 'Give the campaign a name.');
  if ('viewId' in target && target.viewId === '') return fail('viewId', 'Choose a saved view.');
  const action = buildAction(draft.action);
  if (!action.ok) return action;
  const waves = buildWaveSpec(draft.waves);
  if (!waves.ok) return waves;
  const threshold = decimal(draft.errorThresholdPct);
  if (threshold === undefined || threshold < 0 || threshold > 100) {
    return fail('errorThresholdPct', 'The error threshold is a share from 0 to 100.');
  }
  const gate = buildHealthGate(draft.gate);
  if (!gate.ok) return gate;
  const body = {
    name: draft.name.trim(),
    ...target,
    action: action.value,
    waves: waves.value,
    errorThresholdPct: threshold,
    ...(gate.value ? { healthGate: gate.value } : {}),
    ...(draft.approval ? { approval: true } : {}),
    dynamic: draft.dynamic,
    start,
  };
  const parsed = createCampaignInputSchema.safeParse(body);
  if (!parsed.success) return fail('name', parsed.error.issues[0]?.message ?? 'This campaign is not valid.');
  return { ok: true, value: body };
}
