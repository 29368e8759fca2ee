// Carries out the session machine's effects against the repositories inside one transaction, and
// collects the live events to publish once it has committed. What a status means was decided by the
// machine; this only does it.
import { randomUUID } from 'node:crypto';
import type { MoMetadata } from '@dmc/shared/metadata';
import { normaliseMoSerialization, type DmAlert, type MoSerialization } from '@dmc/shared/protocol';
import { encodeP2 } from '../../protocol/codec';
import type { FollowUp, SessionEffect } from '../../protocol/session/effects';
import type { CommandRow, DeviceRow, Repositories } from '../../persistence/ports';
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
  /** Nodes per package and per device (protocol §12). */
  treeLimits?: TreeLimits;
}

/** Node rows written from the package so far: the package as a whole is one write (protocol §12). */
interface WriteBudget {
  written: number;
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
  }));
  await ctx.repos.alerts.insert(rows);
  for (const row of rows) ctx.events.alert(row);
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
  });
  budget.written += update.nodes;
  ctx.events.treeChanged(update.changes, { kind: 'command', id: commandId });
  if (update.deviceChanged) ctx.events.deviceChanged();
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
      const changes = await deleteAddressed(ctx.repos, ctx.device.devId, effect.uri);
      ctx.events.treeChanged(changes, { kind: 'command', id: commandId });
      break;
    }
    case 'drop-subscription': {
      const inboxes = await ctx.repos.inboxes.listByDevice(ctx.device.devId);
      for (const inbox of inboxes) {
        if (inbox.kind === 'SUB' && inbox.clientUri === effect.clientUri)
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

/** Moves commands from one state to another, announcing each that moved. */
async function transitionAll(
  ctx: EffectContext,
  ids: readonly string[],
  from: 'queued' | 'sent',
  to: 'sent' | 'queued',
) {
  for (const id of ids) {
    const sending = to === 'sent';
    const row = await ctx.repos.commands.transition(id, [from], {
      state: to,
      at: ctx.now,
      sessionId: sending ? ctx.sessionId : null,
      sentAt: sending ? ctx.now : null,
    });
    if (row) ctx.events.command(row);
  }
}

export async function runEffects(
  ctx: EffectContext,
  effects: readonly SessionEffect[],
): Promise<EffectOutcome> {
  const outcome: EffectOutcome = { reply: undefined, closed: false };
  const budget: WriteBudget = { written: 0 };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'respond':
        outcome.reply = { kind: 'package', p2: encodeP2(effect.commands) };
        break;
      case 'refuse':
        outcome.reply = refused(effect.refusal);
        break;
      case 'mark-sent':
        await transitionAll(ctx, effect.commandIds, 'queued', 'sent');
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
      case 'write-inventory':
        // The DevInfo read this server added: over the limits it is simply not stored.
        await writeNodes(ctx, budget, effect.data, null).catch(unlessOverLimit);
        break;
      case 'store-alerts':
        await storeAlerts(ctx, effect.alerts);
        break;
      case 'requeue':
        await transitionAll(ctx, effect.commandIds, 'sent', 'queued');
        break;
      case 'close':
        outcome.closed = true;
        ctx.events.sessionEnded(effect.reason);
        break;
    }
  }
  return outcome;
}
