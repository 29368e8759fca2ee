// Campaigns (protocol §11): create, preview, the verbs, the views, bulk work, and the step the
// background task runs. A request only records what it decided; the step does the campaign's work.
import { randomUUID } from 'node:crypto';
import {
  MAX_CAMPAIGN_DEVICES,
  type BulkActionInput,
  type CampaignAction,
  type CampaignDeviceList,
  type CampaignList,
  type CampaignPreview,
  type CampaignPreviewInput,
  type CampaignRecord,
  type CampaignState,
  type CampaignVerb,
  type CreateCampaignInput,
  type CreatedCampaign,
  type DeviceCampaignList,
  type ListCampaignDevicesQuery,
  type ListCampaignsQuery,
  type User,
} from '@dmc/shared/api';
import type { CampaignRow, Store } from '../../persistence/ports';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { campaignUpdated, publish } from '../events/live-events';
import { FUMO_MOID, SCOMO_MOID } from '../operations/operation-plans';
import { deviceFilterOf } from '../devices/device-query';
import { conflictKeyOf } from './campaign-action';
import { CAMPAIGN_BATCH } from './targets';
import { nextTurn } from './yield';
import { saveCampaign, type CampaignContext, type CampaignDeps } from './campaign-context';
import { stepCampaign } from './campaign-step';
import { toCampaignDevice, toCampaignRecord, toCounts } from './campaign-view';
import { decodeListCursor, encodeListCursor } from './list-cursor';
import { previewCampaign } from './preview';
import { resolveViewTarget } from './view-target';

export interface CampaignService {
  create(input: CreateCampaignInput, user: User): Promise<CreatedCampaign>;
  preview(input: CampaignPreviewInput): Promise<CampaignPreview>;
  bulk(input: BulkActionInput, user: User): Promise<CreatedCampaign>;
  list(query: ListCampaignsQuery): Promise<CampaignList>;
  get(id: string): Promise<CampaignRecord>;
  devices(id: string, query: ListCampaignDevicesQuery): Promise<CampaignDeviceList>;
  forDevice(devId: string): Promise<DeviceCampaignList>;
  verb(id: string, verb: CampaignVerb, user: User): Promise<CampaignRecord>;
  /**
   * Moves every active campaign along (the background task); returns how many changed. With
   * several instances each steps the campaigns `owns` names (a step is safe on two at once).
   */
  step(limit?: number, owns?: (campaignId: string) => boolean): Promise<number>;
}

const FINAL: readonly CampaignState[] = ['completed', 'cancelled'];

function bulkName(action: CampaignAction): string {
  switch (action.kind) {
    case 'command':
      return `Bulk: ${action.command[0]}`;
    case 'labels':
      return `Bulk: labels ${[...action.add.map((l) => `+${l}`), ...action.remove.map((l) => `-${l}`)].join(' ')}`;
    case 'firmware-update':
    case 'software-install':
    case 'wake':
      return `Bulk: ${action.kind}`;
  }
}

export function createCampaignService(store: Store, deps: CampaignDeps): CampaignService {
  const ctx: CampaignContext = { ...deps, store };
  const { clock, events } = deps;

  async function find(id: string): Promise<CampaignRow> {
    const row = await store.campaigns.find(id);
    if (!row) throw new NotFoundError(`No campaign "${id}".`);
    return row;
  }

  async function record(row: CampaignRow): Promise<CampaignRecord> {
    const [waves, counts] = await Promise.all([
      store.campaigns.listWaves(row.id),
      store.campaignDevices.countByState(row.id),
    ]);
    return toCampaignRecord(row, waves, toCounts(counts));
  }

  async function announce(row: CampaignRow): Promise<CampaignRecord> {
    const view = await record(row);
    publish(events, campaignUpdated(view));
    return view;
  }

  /** The query parses and the artifact exists and fits the action, or a 400/404. */
  async function checkInput(input: { query?: string | undefined; action: CampaignAction }): Promise<void> {
    deviceFilterOf(input.query, clock.now());
    const { action } = input;
    if (action.kind !== 'firmware-update' && action.kind !== 'software-install') return;
    const artifact = await deps.artifacts.get(action.artifactId);
    const moid = action.kind === 'firmware-update' ? FUMO_MOID : SCOMO_MOID;
    if (artifact.moid !== null && artifact.moid !== moid)
      throw new InputError(`Artifact ${artifact.id} is for ${artifact.moid}, not ${moid}.`);
  }

  /**
   * Named devices (selected rows) that another live campaign holds on the same MO are a 409 when the
   * campaign would run (protocol §11); devices a query selects are skipped as `busy` instead.
   */
  async function refuseHeld(
    target: { devIds?: readonly string[] | null | undefined; action: CampaignAction },
    exceptCampaignId: string,
  ): Promise<void> {
    const key = conflictKeyOf(target.action);
    if (key === null || !target.devIds) return;
    const ids = [...new Set(target.devIds)];
    const held: { devId: string; campaignId: string; campaignName: string }[] = [];
    for (let i = 0; i < ids.length; i += CAMPAIGN_BATCH) {
      if (i > 0) await nextTurn();
      held.push(
        ...(await store.campaignDevices.holders(ids.slice(i, i + CAMPAIGN_BATCH), key, exceptCampaignId)),
      );
    }
    const devices = [...new Set(held.map((h) => h.devId))];
    const [first] = held;
    if (!first) return;
    throw new ConflictError(
      `${devices.length} of the selected devices ${devices.length === 1 ? 'is' : 'are'} held by another campaign on ${key} (first: "${first.devId}" by "${first.campaignName}"); leave ${devices.length === 1 ? 'it' : 'them'} out or wait.`,
      { reason: 'held-by-campaign', conflictKey: key, count: devices.length, held: held.slice(0, 20) },
    );
  }

  async function insert(
    input: Omit<CreateCampaignInput, 'approval' | 'start' | 'viewId'> & {
      viewName?: string;
      bulk: boolean;
      approvalRequired: boolean;
    },
    state: CampaignState,
    user: User,
  ): Promise<CreatedCampaign> {
    await checkInput(input);
    if (state !== 'draft') await refuseHeld(input, '');
    const now = clock.now();
    const row: CampaignRow = {
      id: randomUUID(),
      name: input.name,
      state,
      query: input.query ?? null,
      viewName: input.viewName ?? null,
      devIds: input.devIds ?? null,
      action: input.action,
      conflictKey: conflictKeyOf(input.action),
      waveSpec: input.waves,
      errorThresholdPct: input.errorThresholdPct,
      healthGate: input.healthGate ?? null,
      dynamic: input.dynamic,
      approvalRequired: input.approvalRequired,
      bulk: input.bulk,
      pausedReason: null,
      createdBy: user.username,
      approvedBy: null,
      createdAt: now,
      startedAt: state === 'running' ? now : null,
      finishedAt: null,
      version: 1,
      membershipCursor: null,
      membershipDone: false,
      wavesPlanned: false,
      acceptedFailures: 0,
      settled: false,
      dynamicCheckedAt: null,
    };
    await store.campaigns.create(row);
    await announce(row);
    return { id: row.id, state: row.state };
  }

  /** Applies a verb with the campaign's version; a lost race with the step is tried again. */
  async function applyVerb(id: string, verb: CampaignVerb, user: User): Promise<CampaignRow> {
    for (let attempt = 0; ; attempt += 1) {
      const row = await find(id);
      const changes = await verbChanges(row, verb, user);
      const saved = await saveCampaign(ctx, row, changes);
      if (saved) {
        if (verb === 'resume' && row.pausedReason === 'health-gate') {
          // Resuming past a health gate accepts the wave it held.
          for (const wave of await store.campaigns.listWaves(id))
            if (wave.state === 'gating')
              await store.campaigns.transitionWave(id, wave.n, ['gating'], {
                state: 'done',
                finishedAt: clock.now(),
              });
        }
        return saved;
      }
      if (attempt >= 20) throw new ConflictError('The campaign is changing; try again.');
    }
  }

  async function verbChanges(
    row: CampaignRow,
    verb: CampaignVerb,
    user: User,
  ): Promise<Partial<CampaignRow>> {
    const now = clock.now();
    const wrong = () => new ConflictError(`The campaign is ${row.state}; it cannot ${verb}.`);
    switch (verb) {
      case 'start':
        if (row.state !== 'draft') throw wrong();
        await refuseHeld(row, row.id);
        return row.approvalRequired ? { state: 'awaiting-approval' } : { state: 'running', startedAt: now };
      case 'approve':
        if (row.state !== 'awaiting-approval') throw wrong();
        if (row.createdBy === user.username)
          throw new ForbiddenError('Another admin must approve a campaign; its creator cannot.');
        await refuseHeld(row, row.id);
        return { state: 'running', startedAt: now, approvedBy: user.username };
      case 'pause':
        if (row.state !== 'running') throw wrong();
        return { state: 'paused', pausedReason: 'manual' };
      case 'resume': {
        if (row.state !== 'paused') throw wrong();
        const counts = toCounts(await store.campaignDevices.countByState(row.id));
        return { state: 'running', pausedReason: null, acceptedFailures: counts.failed };
      }
      case 'cancel':
        if (FINAL.includes(row.state)) throw wrong();
        return { state: 'cancelled', finishedAt: now, settled: false };
    }
  }

  return {
    async create(input, user) {
      const approvalRequired = input.approval === true || deps.approvalRequired;
      const state: CampaignState = !input.start
        ? 'draft'
        : approvalRequired
          ? 'awaiting-approval'
          : 'running';
      const target = await resolveViewTarget(store, input);
      return insert({ ...target, bulk: false, approvalRequired }, state, user);
    },

    async preview(input) {
      const target = await resolveViewTarget(store, input);
      await checkInput(target);
      return previewCampaign(ctx, target);
    },

    async bulk(bulkInput, user) {
      const input = await resolveViewTarget(store, bulkInput);
      return insert(
        {
          name: input.name ?? bulkName(input.action),
          ...(input.query === undefined ? {} : { query: input.query }),
          ...(input.viewName === undefined ? {} : { viewName: input.viewName }),
          ...(input.devIds === undefined ? {} : { devIds: input.devIds }),
          action: input.action,
          waves: { canary: 0, size: MAX_CAMPAIGN_DEVICES },
          errorThresholdPct: 100,
          dynamic: false,
          bulk: true,
          approvalRequired: false,
        },
        'running',
        user,
      );
    },

    async list(query) {
      const after = query.cursor === undefined ? undefined : decodeListCursor(query.cursor);
      const rows = await store.campaigns.list({
        ...(query.state === undefined ? {} : { state: query.state }),
        limit: query.limit + 1,
        ...(after ? { after } : {}),
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: await Promise.all(page.map(record)),
        nextCursor: rows.length > query.limit && last ? encodeListCursor(last) : null,
      };
    },

    async get(id) {
      return record(await find(id));
    },

    async devices(id, query) {
      await find(id);
      const rows = await store.campaignDevices.list(id, {
        ...(query.state === undefined ? {} : { state: query.state }),
        limit: query.limit + 1,
        ...(query.cursor === undefined ? {} : { afterDevId: query.cursor }),
      });
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(toCampaignDevice),
        nextCursor: rows.length > query.limit ? (page.at(-1)?.devId ?? null) : null,
      };
    },

    async forDevice(devId) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      const rows = await store.campaignDevices.listForDevice(devId, 100);
      return {
        items: rows.map((r) => ({
          ...toCampaignDevice(r),
          campaignName: r.campaignName,
          campaignState: r.campaignState,
          hasCanary: r.hasCanary,
        })),
      };
    },

    async verb(id, verb, user) {
      return announce(await applyVerb(id, verb, user));
    },

    async step(limit = 50, owns = () => true) {
      let changed = 0;
      for (const row of await store.campaigns.listActive(limit)) {
        if (!owns(row.id)) continue;
        if (!(await stepCampaign(ctx, row))) continue;
        changed += 1;
        // One campaign:updated per campaign and step, with the campaign as it now stands.
        const fresh = await store.campaigns.find(row.id);
        if (fresh) await announce(fresh);
      }
      return changed;
    },
  };
}
