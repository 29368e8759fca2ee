// Runs the session machine's effects against the repositories inside one transaction, and collects
// the live events to publish once it has committed.
import { randomUUID } from 'node:crypto';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { DmAlert, DmCommand, MoSerialization, StatusEntry } from '@dmc/shared/protocol';
import { normaliseMoSerialization, parseClientUri } from '@dmc/shared/protocol';
import type { SessionEffect } from '../../protocol/session/effects';
import type { DeviceRow, Repositories } from '../../persistence/ports';
import type { PendingEvents } from './pending-events';
import { outcomeResult, outcomeState } from './command-outcome';
import { deleteAddressed, storeReport, toConcrete } from '../tree/tree-updates';

export interface EffectContext {
  repos: Repositories;
  /** `<public>/dr/objects/`: HGET sources this server hosts. */
  drObjectPrefix: string;
  /** `<public>/ui/`: SHOW pages this server hosts, answered later by the person (profile §8). */
  uiPagePrefix?: string;
  device: DeviceRow;
  sessionId: string;
  now: Date;
  events: PendingEvents;
  /** Imported meta-data documents (formats and root names of vendor MOs, profile §5). */
  extraMetadata?: readonly MoMetadata[];
}

export interface EffectOutcome {
  reply: { status: 200; commands: DmCommand[] } | { status: 400; message: string } | undefined;
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

/** What an acknowledged HGET wrote: the hosted data, at the locations the device reported in URI. */
async function hostedWrite(ctx: EffectContext, wire: readonly string[], status: StatusEntry) {
  const url = wire[1] ?? '';
  if (!url.startsWith(ctx.drObjectPrefix)) return undefined;
  const row = await ctx.repos.drObjects.find(url.slice(ctx.drObjectPrefix.length));
  if (!row) return undefined;
  const parsed = normaliseMoSerialization(JSON.parse(row.body) as unknown);
  if (!parsed.ok) return undefined;
  const target = wire[2];
  return Promise.all(
    parsed.value.map(async (item, i) => ({
      ...item,
      ClientURI: await toConcrete(
        ctx.repos,
        ctx.device.devId,
        status.URI?.[i] ?? status.URI?.[0] ?? target ?? item.ClientURI,
      ),
    })),
  );
}

async function writeAndPublish(ctx: EffectContext, data: MoSerialization, commandId: string | null) {
  const update = await storeReport(ctx.repos, ctx.device.devId, data, ctx.now, ctx.extraMetadata);
  ctx.events.treeChanged(update.changes, { kind: 'command', id: commandId });
  if (update.deviceChanged) ctx.events.deviceChanged();
}

async function applyTreeEffects(
  ctx: EffectContext,
  wire: readonly string[],
  status: StatusEntry,
  commandId: string | null,
) {
  if (status.sc !== 200) return;
  const name = wire[0];
  if (name === 'GET' && status.Data) {
    await writeAndPublish(ctx, status.Data, commandId);
  } else if (name === 'HGET') {
    const data = await hostedWrite(ctx, wire, status);
    if (data) await writeAndPublish(ctx, data, commandId);
  } else if (name === 'DELETE' && wire[1]) {
    const parsed = parseClientUri(wire[1]);
    if (!parsed.ok) return;
    const changes = await deleteAddressed(ctx.repos, ctx.device.devId, parsed.value);
    ctx.events.treeChanged(changes, { kind: 'command', id: commandId });
  } else if (name === 'UNSUB' && wire[1]) {
    const inboxes = await ctx.repos.inboxes.listByDevice(ctx.device.devId);
    for (const inbox of inboxes) {
      if (inbox.kind === 'SUB' && inbox.clientUri === wire[1]) await ctx.repos.inboxes.remove(inbox.token);
    }
  }
}

export async function runEffects(
  ctx: EffectContext,
  effects: readonly SessionEffect[],
): Promise<EffectOutcome> {
  const outcome: EffectOutcome = { reply: undefined, closed: false };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'respond':
        outcome.reply = { status: 200, commands: effect.commands };
        break;
      case 'refuse':
        outcome.reply = { status: effect.httpStatus, message: effect.message };
        break;
      case 'mark-sent':
        for (const id of effect.commandIds) {
          const row = await ctx.repos.commands.transition(id, ['queued'], {
            state: 'sent',
            at: ctx.now,
            sessionId: ctx.sessionId,
            sentAt: ctx.now,
          });
          if (row) ctx.events.command(row);
        }
        break;
      case 'command-status': {
        const { sc } = effect.status;
        const state = outcomeState(effect.wire, sc, ctx.uiPagePrefix);
        // Only a command still `sent` takes a status: a status is recorded once, never twice.
        const row = await ctx.repos.commands.transition(effect.commandId, ['sent'], {
          state,
          at: ctx.now,
          sc,
          result: outcomeResult(effect.status),
        });
        if (row) {
          ctx.events.command(row);
          await applyTreeEffects(ctx, effect.wire, effect.status, effect.commandId);
        }
        break;
      }
      case 'inventory-status':
        await applyTreeEffects(ctx, ['GET'], effect.status, null);
        break;
      case 'store-alerts':
        await storeAlerts(ctx, effect.alerts);
        break;
      case 'requeue':
        for (const id of effect.commandIds) {
          const row = await ctx.repos.commands.transition(id, ['sent'], {
            state: 'queued',
            at: ctx.now,
            sessionId: null,
            sentAt: null,
          });
          if (row) ctx.events.command(row);
        }
        break;
      case 'close':
        outcome.closed = true;
        ctx.events.sessionEnded(effect.reason);
        break;
    }
  }
  return outcome;
}
