// Carries out the session machine's effects against the repositories inside one transaction, and
// collects the live events to publish once it has committed. What a status means was decided by the
// machine; this only does it.
import { randomUUID } from 'node:crypto';
import type { MoMetadata } from '@dmc/shared/metadata';
import {
  formatClientUri,
  isSessionStartAlert,
  normaliseMoSerialization,
  parseClientUri,
  type DmAlert,
  type MoSerialization,
} from '@dmc/shared/protocol';
import { encodeP2 } from '../../protocol/codec';
import type { FollowUp, SessionEffect } from '../../protocol/session/effects';
import type { CommandRow, DeviceRow, Repositories, TreeWriteCause } from '../../persistence/ports';
import type { PushUrlPolicy } from '../notify/push-url-policy';
import { DEFAULT_TREE_LIMITS, TreeLimitError, type TreeLimits } from '../tree/tree-limits';
import { deleteAddressed, storeReport, toConcrete } from '../tree/tree-updates';
import { refused, type DmReply } from './dm-types';
import type { PendingEvents } from './pending-events';

export interface EffectContext {
  repos: Repositories;
  device: DeviceRow;
  sessionId: string;
  now: Date;
  events: PendingEvents;
  /** Imported meta-data documents (formats and root names of vendor MOs, protocol §5). */
  extraMetadata?: readonly MoMetadata[];
  /** Which push URLs a DMAcc report may set (protocol §12); public addresses only when absent. */
  pushUrls?: PushUrlPolicy;
  /** DMC_MAX_DELIVERIES: a command sent this often without a status fails `no-status` (protocol §12). */
  maxDeliveries: number;
  /** Nodes per package and per device (protocol §12). */
  treeLimits?: TreeLimits;
}

/** What the package's writes did so far. */
interface WriteBudget {
  /** Node rows written: the package as a whole is one write (protocol §12). */
  written: number;
  /** The device's row as the package leaves it so far (its DevInfo summary kept in step). */
  device: DeviceRow;
}

export interface EffectOutcome {
  reply: DmReply | undefined;
  closed: boolean;
}

async function storeAlerts(ctx: EffectContext, alerts: readonly DmAlert[]): Promise<void> {
  const rows = alerts.map((a) => ({
    id: randomUUID(),
    devId: ctx.device.devId,
    sessionId: ctx.sessionId,
    alertType: a.AlertType,
    sourceUri: a.SourceURI ?? null,
    targetUri: a.TargetURI ?? null,
    mark: a.Mark ?? null,
    dataType: a.DataType ?? null,
    data: a.Data ?? null,
    receivedAt: ctx.now,
    acknowledgedAt: null,
    acknowledgedBy: null,
    // Session-start alerts belong to their session: never open, never coalesced (protocol §13).
    sessionStart: isSessionStartAlert(a.AlertType),
  }));
  // Identical alerts coalesce into the open row of their kind: one event per row written.
  for (const stored of await ctx.repos.alerts.insert(rows)) ctx.events.alert(stored);
}

/** The hosted object's data, placed where the device reported writing it (URI), else at the target. */
async function hostedData(
  ctx: EffectContext,
  effect: Extract<FollowUp, { kind: 'write-hosted' }>,
): Promise<MoSerialization | undefined> {
  const row = await ctx.repos.drObjects.find(effect.objectId);
  if (!row) return undefined;
  const parsed = normaliseMoSerialization(JSON.parse(row.body) as unknown);
  if (!parsed.ok) return undefined;
  const { reported, target } = effect;
  return Promise.all(
    parsed.value.map(async (item, i) => ({
      ...item,
      ClientURI: await toConcrete(
        ctx.repos,
        ctx.device.devId,
        reported[i] ?? reported[0] ?? target ?? item.ClientURI,
      ),
    })),
  );
}

/** The cause the tree history records for a write of this session (protocol §13). */
function causeOf(ctx: EffectContext, commandId: string | null): TreeWriteCause {
  return { at: ctx.now, source: 'session', sessionId: ctx.sessionId, commandId };
}

/** Stores MO data the device reported; over the limits, throws TreeLimitError having stored nothing. */
async function writeNodes(
  ctx: EffectContext,
  budget: WriteBudget,
  data: MoSerialization,
  commandId: string | null,
) {
  const update = await storeReport(ctx.repos, ctx.device.devId, data, ctx.now, {
    extraMetadata: ctx.extraMetadata ?? [],
    limits: ctx.treeLimits ?? DEFAULT_TREE_LIMITS,
    writtenBefore: budget.written,
    ...(ctx.pushUrls ? { pushUrls: ctx.pushUrls } : {}),
    cause: causeOf(ctx, commandId),
    devInfo: budget.device.devInfo,
  });
  budget.written += update.nodes;
  ctx.events.treeChanged(update.changes, { kind: 'command', id: commandId });
  if (update.devInfo) budget.device = { ...budget.device, devInfo: update.devInfo, devInfoAt: ctx.now };
  // A new DevInfo summary is known as written; a push URL is read again before it is announced.
  if (update.pushUrlChanged) ctx.events.deviceChanged();
  else if (update.devInfo) ctx.events.deviceChanged(budget.device);
}

/** One spelling of a ClientURI (percent-encoding, a trailing `/`), so equal addresses compare equal. */
function canonicalClientUri(uri: string): string {
  const parsed = parseClientUri(uri);
  return parsed.ok ? formatClientUri(parsed.value) : uri;
}

async function followUp(
  ctx: EffectContext,
  budget: WriteBudget,
  effect: FollowUp,
  commandId: string,
): Promise<void> {
  switch (effect.kind) {
    case 'write-nodes':
      await writeNodes(ctx, budget, effect.data, commandId);
      break;
    case 'write-hosted': {
      const data = await hostedData(ctx, effect);
      if (data) await writeNodes(ctx, budget, data, commandId);
      break;
    }
    case 'delete-subtree': {
      const changes = await deleteAddressed(ctx.repos, ctx.device.devId, effect.uri, causeOf(ctx, commandId));
      ctx.events.treeChanged(changes, { kind: 'command', id: commandId });
      break;
    }
    case 'drop-subscription': {
      // Every SUB inbox of that ClientURI, however it was spelled, takes no more uploads (protocol §12).
      const dropped = canonicalClientUri(effect.clientUri);
      const inboxes = await ctx.repos.inboxes.listByDevice(ctx.device.devId);
      for (const inbox of inboxes) {
        if (
          inbox.kind === 'SUB' &&
          inbox.clientUri !== null &&
          canonicalClientUri(inbox.clientUri) === dropped
        )
          await ctx.repos.inboxes.remove(inbox.token);
      }
      break;
    }
  }
}

function unlessOverLimit(err: unknown): void {
  if (!(err instanceof TreeLimitError)) throw err;
}

/**
 * Does what a recorded outcome entails. MO data over the limits is stored not at all, and the command
 * is recorded as failed with status 413 and the limit as its reason instead (protocol §12).
 */
async function carryOut(
  ctx: EffectContext,
  budget: WriteBudget,
  row: CommandRow,
  then: readonly FollowUp[],
): Promise<CommandRow> {
  try {
    for (const next of then) await followUp(ctx, budget, next, row.id);
    return row;
  } catch (err) {
    unlessOverLimit(err);
    const { limit, max, message } = err as TreeLimitError;
    const failed = await ctx.repos.commands.transition(row.id, [row.state], {
      state: 'failed',
      at: ctx.now,
      sc: 413,
      result: { reason: message, limit, max },
    });
    return failed ?? row;
  }
}

/** How long a read-back after an EXEC may wait for delivery (it is sent at once, requeued if the session breaks). */
const READ_BACK_TTL_MS = 24 * 3600 * 1000;

/**
 * Queues the read-back of an EXEC that just ended ok (protocol §8): once only, whatever delivered the
 * outcome again, since its id is derived from the EXEC's and an existing one is left as it is.
 */
async function queueRead(ctx: EffectContext, effect: Extract<SessionEffect, { kind: 'queue-read' }>) {
  const exec = await ctx.repos.commands.find(effect.causedBy);
  if (exec?.state !== 'ok' || (await ctx.repos.commands.find(effect.commandId))) return;
  const row = await ctx.repos.commands.enqueue({
    id: effect.commandId,
    devId: ctx.device.devId,
    command: effect.wire,
    state: 'queued',
    sc: null,
    result: null,
    sessionId: null,
    jobToken: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    sentAt: null,
    expiresAt: new Date(ctx.now.getTime() + READ_BACK_TTL_MS),
    deliveries: 0,
    reason: null,
    createdBy: null,
  });
  ctx.events.command(row);
}

/** Puts queued commands into the P2: each becomes `sent` in this session, one delivery more. */
async function markSent(ctx: EffectContext, ids: readonly string[]) {
  for (const id of ids) {
    const row = await ctx.repos.commands.transition(id, ['queued'], {
      state: 'sent',
      at: ctx.now,
      sessionId: ctx.sessionId,
      sentAt: ctx.now,
      countDelivery: true,
    });
    if (row) ctx.events.command(row);
  }
}

/**
 * In-flight commands whose status did not come: back to `queued`, or `failed` with reason
 * `no-status` once they were sent DMC_MAX_DELIVERIES times (protocol §3, §12). A command that is no
 * longer `sent` (cancelled meanwhile) stays as it is.
 */
async function requeue(ctx: EffectContext, ids: readonly string[]) {
  for (const id of ids) {
    const current = await ctx.repos.commands.find(id);
    if (current?.state !== 'sent') continue;
    const row =
      current.deliveries >= ctx.maxDeliveries
        ? await ctx.repos.commands.transition(id, ['sent'], {
            state: 'failed',
            at: ctx.now,
            reason: 'no-status',
          })
        : await ctx.repos.commands.transition(id, ['sent'], {
            state: 'queued',
            at: ctx.now,
            sessionId: null,
            sentAt: null,
          });
    if (row) ctx.events.command(row);
  }
}

export async function runEffects(
  ctx: EffectContext,
  effects: readonly SessionEffect[],
): Promise<EffectOutcome> {
  const outcome: EffectOutcome = { reply: undefined, closed: false };
  const budget: WriteBudget = { written: 0, device: ctx.device };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'respond':
        outcome.reply = { kind: 'package', p2: encodeP2(effect.commands) };
        break;
      case 'refuse':
        outcome.reply = refused(effect.refusal);
        break;
      case 'mark-sent':
        await markSent(ctx, effect.commandIds);
        break;
      case 'record-outcome': {
        const { state, sc, result } = effect.outcome;
        // Only a command still waiting takes an outcome: a status is recorded once, never twice.
        const row = await ctx.repos.commands.transition(effect.commandId, effect.from, {
          state,
          at: ctx.now,
          sc,
          result,
        });
        if (!row) break;
        ctx.events.command(await carryOut(ctx, budget, row, effect.then));
        break;
      }
      case 'queue-read':
        await queueRead(ctx, effect);
        break;
      case 'write-inventory':
        // The DevInfo read this server added: over the limits it is simply not stored.
        await writeNodes(ctx, budget, effect.data, null).catch(unlessOverLimit);
        break;
      case 'store-alerts':
        await storeAlerts(ctx, effect.alerts);
        break;
      case 'requeue':
        await requeue(ctx, effect.commandIds);
        break;
      case 'close':
        outcome.closed = true;
        ctx.events.sessionEnded(effect.reason);
        break;
    }
  }
  return outcome;
}
