// Profile enforcement inside a device's DM transactions (protocol §14, ARCHITECTURE.md invariant 36).
// At P1, after the contact statement took the device row: which enabled profiles match the device now
// (one statement), the statuses of its states and the stored values of the profile nodes; a device
// verified in all of them that still reports every value is done there. Otherwise its full states,
// then the plan, whose writes (HGET of a hosted object, then the GET that reads it back) are queued
// in the same transaction with derived ids, so this P1's P2 carries them. At P3, after the session
// machine's step: the outcomes of profile commands folded into the states. Nothing at all is read
// when no profile is enabled. Live events go out only after the transaction committed.
import type { ProfileDeviceState } from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { CommandRow, ProfileDeviceRow, Repositories } from '../../../persistence/ports';
import type { EventPublisher } from '../../ports';
import { capabilityUrls } from '../../capabilities/capability-urls';
import { profileDeviceStateChanged, publish } from '../../events/live-events';
import { fillServerUris, type ServerUriHosts } from '../../commands/server-uris';
import { isProfileCommandId } from './derived-ids';
import type { DrService } from '../../dr/dr.service';
import type { EnabledProfileCache, EnabledProfiles } from './enabled-profiles';
import { judgeWrites, readFacts, readStored, writeInput } from './node-reads';
import {
  commandIdsToRead,
  hasInFlight,
  isSettled,
  plan,
  readBacksDone,
  type EnforcedProfile,
  type PlannedCommand,
  type PlanInput,
} from './plan';

export interface ProfileEnforcerDeps {
  profiles: EnabledProfileCache;
  events: EventPublisher;
  publicUrl: string;
  dr: Pick<DrService, 'hostObject' | 'openInbox'>;
  /** How long a profile command may wait in the queue (DMC_COMMAND_TTL_S). */
  commandTtlS: number;
  extraMetadata?: () => readonly MoMetadata[];
  /** Told after commit which profiles' device states changed (their counts moved). */
  onStatesChanged?: (profileIds: readonly string[]) => void;
}

/** What one package's enforcement did, published once its transaction committed. */
export interface Enforcement {
  /** Commands were queued: the package reads its queue again. */
  queued: boolean;
  /** Live events and counts, after commit. */
  publish(): void;
}

export interface PackageContext {
  repos: Repositories;
  devId: string;
  now: Date;
  /** Commands queued here are announced with the package's own events. */
  command(row: CommandRow): void;
}

export interface ProfileEnforcer {
  /** P1: after the contact statement, before the session's first step. */
  atContact(ctx: PackageContext): Promise<Enforcement | undefined>;
  /**
   * P3: after the session machine's step; `awaited` names the commands whose statuses the package
   * carried. Without a profile command among them, nothing is read.
   */
  atStatus(ctx: PackageContext & { awaited: readonly string[] }): Promise<Enforcement | undefined>;
}

function toView(row: ProfileDeviceRow, profile: EnforcedProfile): ProfileDeviceState {
  return {
    profileId: row.profileId,
    profileName: profile.name,
    devId: row.devId,
    status: row.status,
    reason: row.reason,
    nodes: row.nodes,
    execs: row.execs,
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createProfileEnforcer(deps: ProfileEnforcerDeps): ProfileEnforcer {
  const hosts: ServerUriHosts = {
    capabilities: capabilityUrls(deps.publicUrl),
    dr: deps.dr,
    hostPage: undefined,
  };

  function published(
    changed: readonly ProfileDeviceRow[],
    enabled: EnabledProfiles,
    queued: boolean,
  ): Enforcement {
    return {
      queued,
      publish() {
        if (changed.length === 0) return;
        for (const row of changed) {
          const profile = enabled.byId.get(row.profileId);
          if (!profile) continue;
          publish(deps.events, profileDeviceStateChanged(toView(row, profile)));
        }
        deps.onStatesChanged?.([...new Set(changed.map((r) => r.profileId))]);
      },
    };
  }

  /** Queues the planned commands a previous run did not queue already (their ids are derived). */
  async function queue(ctx: PackageContext, commands: readonly PlannedCommand[]): Promise<boolean> {
    if (commands.length === 0) return false;
    const existing = await readFacts(
      ctx.repos,
      commands.map((c) => c.id),
    );
    let queued = false;
    for (const c of commands) {
      if (existing.has(c.id)) continue;
      const input =
        c.kind === 'write'
          ? writeInput(c.uri, c.value ?? '')
          : { command: c.kind === 'read' ? ['GET', c.uri] : ['EXEC', c.uri] };
      const ttlS = deps.commandTtlS;
      const { wire, jobToken } = await fillServerUris(ctx.repos, hosts, {
        id: c.id,
        devId: ctx.devId,
        input: input as Parameters<typeof fillServerUris>[2]['input'],
        ttlS,
      });
      const row = await ctx.repos.commands.enqueue({
        id: c.id,
        devId: ctx.devId,
        command: wire,
        state: 'queued',
        sc: null,
        result: null,
        sessionId: null,
        jobToken,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        sentAt: null,
        expiresAt: new Date(ctx.now.getTime() + ttlS * 1000),
        deliveries: 0,
        reason: null,
        createdBy: null,
      });
      ctx.command(row);
      queued = true;
    }
    return queued;
  }

  return {
    async atContact(ctx) {
      const enabled = await deps.profiles.get(ctx.repos);
      if (enabled.matchers.length === 0) return undefined;
      const { repos, devId, now } = ctx;
      // A query without conditions matches every device: only the others need the point check,
      // once per distinct query.
      const checked = enabled.matchers.filter((m) => m.expr !== null);
      const hits = enabled.matchers.filter((m) => m.expr === null).map((m) => m.profileId);
      if (checked.length > 0) hits.push(...(await repos.profiles.matchingDevice(devId, checked, now)));
      const matching = new Set(hits.flatMap((id) => enabled.sharing.get(id) ?? [id]));
      if (matching.size === 0) return undefined;
      const profiles = enabled.profiles.filter((p) => matching.has(p.id));
      const statuses = await repos.profiles.deviceStatuses(devId);
      const stored = await readStored(
        repos,
        devId,
        profiles.flatMap((p) => p.nodes.map((n) => n.uri)),
        enabled.uris,
      );
      // The steady state (verified everywhere, nothing drifted): nothing to plan, write or announce.
      if (isSettled(profiles, statuses, stored.values)) return undefined;
      const previous = new Map((await repos.profiles.deviceStates(devId)).map((r) => [r.profileId, r]));
      const facts = await readFacts(repos, commandIdsToRead(devId, profiles, previous));
      const input: PlanInput = {
        devId,
        now,
        profiles,
        previous,
        stored: stored.values,
        facts,
        phase: 'contact',
      };
      let result = plan(input);
      if (result.wants.length > 0) {
        const extra = deps.extraMetadata?.() ?? [];
        const verdicts = await judgeWrites(repos, devId, result.wants, stored, extra);
        result = plan({ ...input, verdicts });
      }
      const queued = await queue(ctx, result.commands);
      if (result.changed.length > 0) await repos.profiles.putStates(result.changed);
      return published(result.changed, enabled, queued);
    },

    async atStatus(ctx) {
      if (!ctx.awaited.some(isProfileCommandId)) return undefined;
      const enabled = await deps.profiles.get(ctx.repos);
      if (enabled.matchers.length === 0) return undefined;
      const { repos, devId, now } = ctx;
      const rows = await repos.profiles.deviceStates(devId);
      if (!hasInFlight(rows)) return undefined;
      const previous = new Map(rows.map((r) => [r.profileId, r]));
      const profiles = enabled.profiles.filter((p) => previous.has(p.id));
      const facts = await readFacts(repos, commandIdsToRead(devId, profiles, previous));
      // The read-backs that came in stored what the device reports: read those nodes' MOs.
      const readBack = readBacksDone(devId, profiles, previous, facts);
      const stored =
        readBack.length > 0 ? await readStored(repos, devId, readBack, enabled.uris) : { values: new Map() };
      const result = plan({ devId, now, profiles, previous, stored: stored.values, facts, phase: 'status' });
      if (result.changed.length > 0) await repos.profiles.putStates(result.changed);
      return published(result.changed, enabled, false);
    },
  };
}
