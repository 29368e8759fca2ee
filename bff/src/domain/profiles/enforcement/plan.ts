// The pure planner of profile enforcement (protocol §14): from the profiles that match a device (by
// priority, highest first; ties: the older profile first), the device's previous states, the stored
// values of the profile nodes, what the profile commands did, and the verdicts on writes (dry run,
// running campaigns), it computes each profile's new state for the device and the commands to queue:
// an HGET write and its GET read-back per node, at most one write per node per session, and the
// EXECs once every node of the profile is verified. Conflicts are resolved by priority and shown.
import type { ProfileExec, ProfileExecProgress, ProfileNode, ProfileNodeProgress } from '@dmc/shared/api';
import type { ProfileDeviceRow, ProfileDeviceStatus } from '../../../persistence/ports';
import { profileCommandId } from './derived-ids';
import {
  inFlightIds,
  need,
  progress,
  quote,
  readIdOf,
  settle,
  statusText,
  writeIdOf,
  type CommandFact,
  type NodeKey,
  type NodeVerdict,
} from './plan-node';
import { deviceStatus } from './plan-status';

export type { CommandFact, NodeVerdict } from './plan-node';

/** What the planner needs of a profile. */
export interface EnforcedProfile {
  id: string;
  name: string;
  priority: number;
  revision: number;
  driftRetries: number;
  nodes: readonly ProfileNode[];
  execs: readonly ProfileExec[];
}

export interface PlanInput {
  devId: string;
  now: Date;
  /** The matching profiles, highest priority first; ties: the older first. */
  profiles: readonly EnforcedProfile[];
  /** The device's states, by profile id. */
  previous: ReadonlyMap<string, ProfileDeviceRow>;
  /** Stored values of the profile nodes by ClientURI; a node the tree does not hold is absent. */
  stored: ReadonlyMap<string, string | null>;
  /** What the commands `commandIdsToRead` named did; a command absent here does not exist. */
  facts: ReadonlyMap<string, CommandFact>;
  /** Verdicts on the writes a previous pass asked for (`wants`), by ClientURI. */
  verdicts?: ReadonlyMap<string, NodeVerdict>;
  /** At P1 commands may be queued; at P3 only what the package's outcomes settled changes. */
  phase: 'contact' | 'status';
}

export interface PlannedCommand {
  id: string;
  kind: 'write' | 'read' | 'exec';
  profileId: string;
  uri: string;
  /** The value a write carries. */
  value?: string;
  /** An EXEC's data. */
  data?: string;
}

export interface PlanResult {
  /** The new state of every matching profile. */
  states: ProfileDeviceRow[];
  /** Of `states`, those that differ from the previous ones (to store and announce). */
  changed: ProfileDeviceRow[];
  /** Write + read-back pairs in order, then EXECs. */
  commands: PlannedCommand[];
  /** Nodes whose write needs a verdict first: plan again with `verdicts` for them. */
  wants: ProfileNode[];
}

const keyOf = (devId: string, p: EnforcedProfile, since: Date, uri: string): NodeKey => ({
  profileId: p.id,
  revision: p.revision,
  devId,
  since: since.getTime(),
  uri,
});

/** The membership's epoch: the stored row's (whatever its revision), else now (a new member). */
const sinceOf = (p: EnforcedProfile, previous: ReadonlyMap<string, ProfileDeviceRow>, now: Date): Date =>
  previous.get(p.id)?.since ?? now;

/** The previous state, when it is for the profile's current revision. */
function current(p: EnforcedProfile, previous: ReadonlyMap<string, ProfileDeviceRow>) {
  const row = previous.get(p.id);
  return row?.revision === p.revision ? row : undefined;
}

/**
 * True when a plan could change nothing: the device is verified in every matching profile at its
 * current revision (every node verified, every EXEC done) and still reports each node's value. Drift
 * and every other change show as a status or a stored value that differs, and are planned in full.
 */
export function isSettled(
  profiles: readonly EnforcedProfile[],
  statuses: readonly ProfileDeviceStatus[],
  stored: ReadonlyMap<string, string | null>,
): boolean {
  const byProfile = new Map(statuses.map((s) => [s.profileId, s]));
  return profiles.every((p) => {
    const s = byProfile.get(p.id);
    return (
      s?.status === 'verified' &&
      s.revision === p.revision &&
      p.nodes.every((n) => stored.get(n.uri) === n.value)
    );
  });
}

/** Every command id whose fact the planner reads: writes, read-backs and EXECs in flight. */
export function commandIdsToRead(
  devId: string,
  profiles: readonly EnforcedProfile[],
  previous: ReadonlyMap<string, ProfileDeviceRow>,
): string[] {
  const ids: string[] = [];
  for (const p of profiles) {
    const row = current(p, previous);
    if (!row) continue;
    for (const node of row.nodes) ids.push(...inFlightIds(keyOf(devId, p, row.since, node.uri), node));
    for (const exec of row.execs) if (exec.state === 'queued' && exec.commandId) ids.push(exec.commandId);
  }
  return ids;
}

/** The nodes whose read-back ended ok in `facts`: their stored values are what the device reports. */
export function readBacksDone(
  devId: string,
  profiles: readonly EnforcedProfile[],
  previous: ReadonlyMap<string, ProfileDeviceRow>,
  facts: ReadonlyMap<string, CommandFact>,
): string[] {
  return profiles.flatMap((p) => {
    const row = current(p, previous);
    return (row?.nodes ?? []).flatMap((n) =>
      row &&
      (n.state === 'writing' || n.state === 'reading-back') &&
      facts.get(readIdOf(keyOf(devId, p, row.since, n.uri), n.driftWrites))?.state === 'ok'
        ? [n.uri]
        : [],
    );
  });
}

/** Whether anything of the device's states waits on a command (the P3 fold has work). */
export function hasInFlight(rows: readonly ProfileDeviceRow[]): boolean {
  return rows.some(
    (r) =>
      r.nodes.some((n) => n.state === 'writing' || n.state === 'reading-back') ||
      r.execs.some((e) => e.state === 'queued'),
  );
}

interface Owner {
  profile: EnforcedProfile;
  value: string;
}

function conflicted(uri: string, owner: Owner, prev: ProfileNodeProgress | undefined): ProfileNodeProgress {
  const { profile, value } = owner;
  return progress(uri, 'conflicted', {
    reason: `held by profile '${profile.name}' (priority ${profile.priority}), which sets it to ${quote(value)}`,
    driftWrites: prev?.driftWrites ?? 0,
  });
}

function execStep(
  key: (uri: string) => NodeKey,
  p: EnforcedProfile,
  exec: ProfileExec,
  prev: ProfileExecProgress | undefined,
  ready: boolean,
  input: PlanInput,
  commands: PlannedCommand[],
): ProfileExecProgress {
  const base: ProfileExecProgress = {
    uri: exec.uri,
    state: 'waiting',
    reason: null,
    sc: null,
    commandId: null,
  };
  if (prev?.state === 'done' || prev?.state === 'failed') return prev;
  if (prev?.state === 'queued' && prev.commandId) {
    const fact = input.facts.get(prev.commandId);
    if (!fact || ['queued', 'sent', 'accepted'].includes(fact.state)) return prev;
    if (fact.state === 'ok') return { ...prev, state: 'done', reason: null, sc: fact.sc };
    const reason =
      fact.sc === null
        ? `the EXEC ended ${fact.state}`
        : `the device answered ${statusText(fact.sc)} to the EXEC`;
    return { ...prev, state: 'failed', reason, sc: fact.sc };
  }
  if (!ready) return { ...base, reason: "waiting for the profile's nodes to be verified" };
  if (input.phase !== 'contact') return { ...base, reason: "waiting for the device's next session" };
  const id = profileCommandId({ ...key(exec.uri), generation: 0, kind: 'exec' });
  commands.push({
    id,
    kind: 'exec',
    profileId: p.id,
    uri: exec.uri,
    ...(exec.data === undefined ? {} : { data: exec.data }),
  });
  return { ...base, state: 'queued', commandId: id };
}

function sameState(a: ProfileDeviceRow, b: ProfileDeviceRow | undefined): boolean {
  if (!b) return false;
  return (
    a.status === b.status &&
    a.reason === b.reason &&
    a.revision === b.revision &&
    a.since.getTime() === b.since.getTime() &&
    JSON.stringify(a.nodes) === JSON.stringify(b.nodes) &&
    JSON.stringify(a.execs) === JSON.stringify(b.execs)
  );
}

/** The new states and the commands to queue (see the module comment). */
export function plan(input: PlanInput): PlanResult {
  const { devId, stored, facts } = input;
  const owners = new Map<string, Owner>();
  /** Nodes written (or in flight) this session: at most one write per node. */
  const writing = new Set<string>();
  const commands: PlannedCommand[] = [];
  const wants: ProfileNode[] = [];
  const states: ProfileDeviceRow[] = [];
  const changed: ProfileDeviceRow[] = [];

  for (const p of input.profiles) {
    const row = current(p, input.previous);
    const since = sinceOf(p, input.previous, input.now);
    const keyFor = (uri: string) => keyOf(devId, p, since, uri);
    const prevNodes = new Map((row?.nodes ?? []).map((n) => [n.uri, n]));
    const nodes: ProfileNodeProgress[] = [];
    for (const { uri, value } of p.nodes) {
      const prev = prevNodes.get(uri);
      const owner = owners.get(uri);
      if (owner && owner.value !== value) {
        nodes.push(conflicted(uri, owner, prev));
        continue;
      }
      if (!owner) owners.set(uri, { profile: p, value });
      const key = keyFor(uri);
      const settled = settle(key, prev ?? progress(uri, 'waiting'), value, facts, stored.get(uri));
      if (settled.state === 'writing' || settled.state === 'reading-back') {
        writing.add(uri);
        nodes.push(settled);
        continue;
      }
      if (input.phase === 'status' || (settled !== prev && settled.state !== 'waiting')) {
        // P3: only outcomes move a node; a node settled just now keeps what it settled to.
        nodes.push(settled.state === 'waiting' && prev ? prev : settled);
        continue;
      }
      const needed = need(settled, value, stored.get(uri), p.driftRetries);
      if (needed.kind === 'done') {
        nodes.push(needed.node);
        continue;
      }
      const { generation, driftWrites } = needed;
      if (owner || writing.has(uri)) {
        // Another profile sets the same value and writes it: this one follows.
        const by = owner ? `profile '${owner.profile.name}'` : 'another profile';
        nodes.push(progress(uri, 'waiting', { reason: `written by ${by}`, driftWrites }));
        continue;
      }
      const verdict = input.verdicts?.get(uri);
      if (!verdict) {
        wants.push({ uri, value });
        nodes.push(progress(uri, 'waiting', { reason: 'waiting for the dry run', driftWrites }));
        continue;
      }
      if (verdict.kind === 'refused') {
        nodes.push(
          progress(uri, 'failed', {
            reason: `the dry run refuses the write: ${verdict.reason}`,
            driftWrites,
          }),
        );
        continue;
      }
      if (verdict.kind === 'campaign') {
        nodes.push(
          progress(uri, 'waiting', { reason: `waiting for campaign '${verdict.campaign}'`, driftWrites }),
        );
        continue;
      }
      const writeId = writeIdOf(key, generation);
      writing.add(uri);
      commands.push({ id: writeId, kind: 'write', profileId: p.id, uri, value });
      commands.push({ id: readIdOf(key, generation), kind: 'read', profileId: p.id, uri });
      nodes.push(progress(uri, 'writing', { commandId: writeId, driftWrites }));
    }
    const ready = nodes.every((n) => n.state === 'verified');
    const prevExecs = new Map((row?.execs ?? []).map((e) => [e.uri, e]));
    const execs = p.execs.map((exec) =>
      execStep(keyFor, p, exec, prevExecs.get(exec.uri), ready, input, commands),
    );
    const { status, reason } = deviceStatus(nodes, execs);
    const next: ProfileDeviceRow = {
      profileId: p.id,
      devId,
      status,
      reason,
      nodes,
      execs,
      revision: p.revision,
      since,
      updatedAt: input.now,
    };
    const same = sameState(next, row);
    const kept = same && row ? row : next;
    states.push(kept);
    if (!same) changed.push(next);
  }
  return { states, changed, commands, wants };
}
