// Firmware updates and software installs (protocol §8): an operation queues its commands, optionally
// after asking the person on the device (consent / postpone page), and follows them to the end.
// `reconcile` is idempotent and conditional (optimistic version), so it can run on a timer on every
// instance: a crash never leaves an operation stuck.
import { randomUUID } from 'node:crypto';
import type {
  CommandState,
  ConsentRequest,
  OperationList,
  OperationRecord,
  StartFirmwareUpdateInput,
  StartSoftwareInstallInput,
} from '@dmc/shared/api';
import { FINAL_COMMAND_STATES } from '@dmc/shared/api';
import type { OperationRow, Store } from '../../persistence/ports';
import { FINAL_OPERATION_STATES } from '../../persistence/ports';
import type { ArtifactService } from '../artifacts/artifact.service';
import type { CommandService } from '../commands/command.service';
import { ConflictError, InputError, NotFoundError } from '../errors';
import type { Clock, EventPublisher } from '../ports';
import { isDevInfo } from '../tree/dev-info';
import { operationUpdated, publish } from '../events/live-events';
import {
  FUMO_MOID,
  SCOMO_MOID,
  firmwareFollowUps,
  firmwareUpdatePlan,
  softwareFollowUps,
  softwareInstallPlan,
  type PlannedStep,
} from './operation-plans';
import { consentPage, readConsentAnswer } from './consent';
import { assertCompatible, versionMismatch } from './firmware-checks';
import { toOperationRecord } from './operation-view';

/**
 * `id`: an id the caller chose (a campaign derives one per device); an existing one is returned as is.
 * `campaignId`: the campaign starting it. Any other start is refused while a campaign holds the
 * device's FUMO (or SCOMO) (protocol §11).
 */
export interface StartOptions {
  id?: string;
  campaignId?: string;
}

export interface OperationService {
  startFirmwareUpdate(
    devId: string,
    input: StartFirmwareUpdateInput,
    options?: StartOptions,
  ): Promise<OperationRecord>;
  startSoftwareInstall(
    devId: string,
    input: StartSoftwareInstallInput,
    options?: StartOptions,
  ): Promise<OperationRecord>;
  get(id: string, kind?: OperationRow['kind']): Promise<OperationRecord>;
  listForDevice(devId: string, limit: number): Promise<OperationList>;
  /** Moves every active operation along; returns how many changed. */
  reconcileActive(limit?: number): Promise<number>;
  /**
   * Cancels an operation the device has not begun (waiting for consent, postponed, or running with
   * none of its commands sent yet) and its queued commands; one already under way on the device is
   * left to end on its own. Returns the operation as it stands.
   */
  cancel(id: string): Promise<OperationRecord>;
  isArtifactInUse(artifactId: string): Promise<boolean>;
}

interface Params {
  miid: string;
  packageUrl: string;
  artifact: { id: string; name: string; version: string; url: string };
  consent: ConsentRequest | null;
}

const FAILED_STATES: readonly CommandState[] = ['failed', 'expired', 'cancelled'];

export function createOperationService(
  store: Store,
  deps: { clock: Clock; events: EventPublisher; commands: CommandService; artifacts: ArtifactService },
): OperationService {
  const { clock, commands, events } = deps;

  async function onlyInstance(devId: string, moid: string, miid: string | undefined): Promise<string> {
    const instances = (await store.tree.listInstances(devId)).filter((i) => i.moid === moid);
    if (miid !== undefined) {
      if (!instances.some((i) => i.miid === miid))
        throw new ConflictError(`The device never reported ${moid}/${miid}.`);
      return miid;
    }
    const [only, ...rest] = instances;
    if (!only) throw new ConflictError(`The device never reported a ${moid} instance.`);
    if (rest.length > 0)
      throw new InputError(`The device has several ${moid} instances; name one with "miid".`);
    return only.miid;
  }

  /** The 409 for a second operation on an MO instance while one is not final. */
  async function busyInstance(devId: string, kind: OperationRow['kind'], moid: string, miid: string) {
    const active = await store.operations.findActive(devId, kind, miid);
    const what = kind === 'firmware-update' ? 'A firmware update' : 'A software install';
    return new ConflictError(
      `${what} of ${moid}/${miid} on device "${devId}" is already under way; wait until it ends.`,
      { reason: 'instance-busy', moid, miid, operation: active?.id ?? null, state: active?.state ?? null },
    );
  }

  async function queueAll(
    devId: string,
    steps: readonly { input: Parameters<CommandService['queue']>[1] }[],
  ) {
    const ids: string[] = [];
    for (const step of steps) ids.push((await commands.queue(devId, step.input)).id);
    return ids;
  }

  function plan(row: OperationRow, params: Params): PlannedStep[] {
    return row.kind === 'firmware-update'
      ? firmwareUpdatePlan(params.miid, params.packageUrl, params.artifact.version)
      : softwareInstallPlan(params.miid, params.artifact);
  }

  async function save(row: OperationRow, changes: Partial<OperationRow>): Promise<OperationRow | undefined> {
    const next = { ...row, ...changes, version: row.version + 1, updatedAt: clock.now() };
    if (!(await store.operations.update(next))) return undefined;
    publish(events, operationUpdated(next));
    return next;
  }

  /** Claims the next step (version bump), then queues its commands. */
  async function askConsent(row: OperationRow, params: Params): Promise<OperationRow | undefined> {
    const claimed = await save(row, { state: 'waiting-consent', consentCommandId: null, resumeAt: null });
    if (!claimed || !params.consent) return claimed;
    const page = consentPage(row.kind, params.consent, params.artifact);
    const { id } = await commands.queue(row.devId, { command: ['SHOW', null], page });
    return save(claimed, { consentCommandId: id });
  }

  async function startUpdate(row: OperationRow, params: Params): Promise<OperationRow | undefined> {
    const claimed = await save(row, { state: 'running', commandIds: [] });
    if (!claimed) return undefined;
    return save(claimed, { commandIds: await queueAll(row.devId, plan(row, params)) });
  }

  async function finishRunning(row: OperationRow, params: Params): Promise<OperationRow | undefined> {
    const rows = await Promise.all(row.commandIds.map((id) => store.commands.find(id)));
    const failed = rows.find((c) => c && FAILED_STATES.includes(c.state));
    if (failed) {
      return save(row, {
        state: 'failed',
        result: { command: failed.id, state: failed.state, sc: failed.sc, detail: failed.result },
      });
    }
    const decisive = rows.at(-1);
    if (!decisive || decisive.state !== 'ok') return undefined;
    const result = { sc: decisive.sc, detail: decisive.result };
    // A firmware update is not done until the device reports the artifact's version (protocol §11).
    if (row.kind === 'firmware-update') return startVerifying(row, params, result);
    const done = await save(row, { state: 'ok', result });
    if (done) for (const input of softwareFollowUps(params.miid)) await commands.queue(row.devId, input);
    return done;
  }

  /** Claims the verifying step (version bump), then queues its reads: FUMO State, DevInfo/FwV. */
  async function startVerifying(row: OperationRow, params: Params, result: unknown) {
    const claimed = await save(row, { state: 'verifying', commandIds: [], result });
    if (!claimed) return undefined;
    const devInfo = (await store.tree.listInstances(row.devId)).find((i) => isDevInfo(i.moid));
    const ids: string[] = [];
    for (const input of firmwareFollowUps(params.miid, devInfo))
      ids.push((await commands.queue(row.devId, input)).id);
    return save(claimed, { commandIds: ids });
  }

  /** Once the reads are final: ok at the artifact's version, else failed with version-mismatch. */
  async function finishVerifying(row: OperationRow, params: Params): Promise<OperationRow | undefined> {
    const rows = await Promise.all(row.commandIds.map((id) => store.commands.find(id)));
    if (rows.some((c) => c && !FINAL_COMMAND_STATES.includes(c.state))) return undefined;
    const read = rows.at(-1);
    const fwvRead = read?.command[1]?.endsWith('/FwV') === true ? read : undefined;
    // The FwV read's answer is stored in the tree and the device's DevInfo columns with its status.
    const reported =
      fwvRead?.state === 'ok' ? ((await store.devices.find(row.devId))?.devInfo.FwV ?? null) : null;
    const mismatch = versionMismatch(params.artifact.version, reported);
    const updated = (row.result ?? {}) as Record<string, unknown>;
    if (mismatch) return save(row, { state: 'failed', result: { ...updated, ...mismatch } });
    return save(row, { state: 'ok', result: { ...updated, version: reported } });
  }

  async function reconcile(row: OperationRow): Promise<boolean> {
    const params = row.params as Params;
    switch (row.state) {
      case 'waiting-consent': {
        if (row.consentCommandId === null) return Boolean(await askConsent(row, params));
        const consent = await store.commands.find(row.consentCommandId);
        if (!consent || !FINAL_COMMAND_STATES.includes(consent.state)) return false;
        if (consent.state !== 'ok') {
          return Boolean(
            await save(row, { state: 'failed', result: { reason: `the consent page was ${consent.state}` } }),
          );
        }
        const answer = readConsentAnswer(consent.result);
        if (answer.kind === 'accept') return Boolean(await startUpdate(row, params));
        if (answer.kind === 'decline')
          return Boolean(await save(row, { state: 'declined', result: { answer: 'decline' } }));
        const resumeAt = new Date(clock.now().getTime() + answer.postponeS * 1000);
        return Boolean(
          await save(row, { state: 'postponed', resumeAt, result: { postponeS: answer.postponeS } }),
        );
      }
      case 'postponed':
        if (row.resumeAt && row.resumeAt.getTime() > clock.now().getTime()) return false;
        return Boolean(await askConsent(row, params));
      case 'running':
        if (row.commandIds.length === 0) return Boolean(await startUpdate(row, params));
        return Boolean(await finishRunning(row, params));
      case 'verifying':
        if (row.commandIds.length === 0) return Boolean(await startVerifying(row, params, row.result));
        return Boolean(await finishVerifying(row, params));
      case 'ok':
      case 'failed':
      case 'declined':
      case 'cancelled':
        return false;
    }
  }

  async function start(
    devId: string,
    kind: OperationRow['kind'],
    input: StartFirmwareUpdateInput | StartSoftwareInstallInput,
    options: StartOptions = {},
  ): Promise<OperationRecord> {
    if (options.id !== undefined) {
      const existing = await store.operations.find(options.id);
      if (existing) return toOperationRecord(existing);
    }
    const device = await store.devices.find(devId);
    if (!device) throw new NotFoundError(`No device "${devId}" is registered.`);
    const artifact = await deps.artifacts.get(input.artifactId);
    const moid = kind === 'firmware-update' ? FUMO_MOID : SCOMO_MOID;
    if (artifact.moid !== null && artifact.moid !== moid) {
      throw new InputError(`Artifact ${artifact.id} is for ${artifact.moid}, not ${moid}.`);
    }
    assertCompatible(devId, device.devInfo, artifact);
    const [holder] = await store.campaignDevices.holders([devId], moid, options.campaignId ?? '');
    if (holder)
      throw new ConflictError(
        `Campaign "${holder.campaignName}" holds ${moid} on device "${devId}"; wait until it ends or cancel it.`,
        {
          reason: 'held-by-campaign',
          moid,
          campaignId: holder.campaignId,
          campaignName: holder.campaignName,
        },
      );
    const miid = await onlyInstance(devId, moid, input.miid);
    const now = clock.now();
    const params: Params = {
      miid,
      packageUrl: artifact.url,
      artifact: { id: artifact.id, name: artifact.name, version: artifact.version, url: artifact.url },
      consent: input.consent ?? null,
    };
    const row: OperationRow = {
      id: options.id ?? randomUUID(),
      devId,
      kind,
      artifactId: artifact.id,
      moInstance: miid,
      params,
      state: input.consent ? 'waiting-consent' : 'running',
      commandIds: [],
      consentCommandId: null,
      result: null,
      resumeAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    let created: boolean;
    try {
      created = await store.operations.create(row);
    } catch (err) {
      // A chosen id another caller started meanwhile: that operation stands, this one is not made.
      const existing = options.id === undefined ? undefined : await store.operations.find(row.id);
      if (existing) return toOperationRecord(existing);
      throw err;
    }
    if (!created) throw await busyInstance(devId, kind, moid, miid);
    await reconcile(row);
    return toOperationRecord((await store.operations.find(row.id)) ?? row);
  }

  return {
    startFirmwareUpdate: (devId, input, options) => start(devId, 'firmware-update', input, options),
    startSoftwareInstall: (devId, input, options) => start(devId, 'software-install', input, options),

    async get(id, kind) {
      const row = await store.operations.find(id);
      if (!row || (kind !== undefined && row.kind !== kind)) throw new NotFoundError(`No operation "${id}".`);
      return toOperationRecord(row);
    },

    async listForDevice(devId, limit) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      return { items: (await store.operations.listByDevice(devId, limit)).map(toOperationRecord) };
    },

    async reconcileActive(limit = 200) {
      let changed = 0;
      for (const row of await store.operations.listActive(limit)) {
        if (FINAL_OPERATION_STATES.includes(row.state)) continue;
        if (await reconcile(row)) changed += 1;
      }
      return changed;
    },

    isArtifactInUse: (artifactId) => store.operations.isArtifactInUse(artifactId),

    async cancel(id) {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const row = await store.operations.find(id);
        if (!row) throw new NotFoundError(`No operation "${id}".`);
        const ids = [...(row.consentCommandId === null ? [] : [row.consentCommandId]), ...row.commandIds];
        const queued = await Promise.all(ids.map((c) => store.commands.find(c)));
        const open = queued.filter(
          (c): c is NonNullable<typeof c> => c !== undefined && (c.state === 'queued' || c.state === 'sent'),
        );
        if (row.state === 'cancelled') {
          // A cancel that stopped between its save and its commands finishes here.
          for (const c of open) await commands.cancel(c.id).catch(() => undefined);
          return toOperationRecord(row);
        }
        const begun = queued.some((c) => c !== undefined && c.state !== 'queued');
        const cancellable =
          row.state === 'waiting-consent' || row.state === 'postponed' || (row.state === 'running' && !begun);
        if (!cancellable) return toOperationRecord(row);
        const saved = await save(row, { state: 'cancelled', result: { reason: 'cancelled' } });
        if (!saved) continue;
        for (const c of open) await commands.cancel(c.id).catch(() => undefined);
        return toOperationRecord(saved);
      }
      throw new ConflictError('The operation is changing; try again.');
    },
  };
}
