// Orchestrates DM sessions: admits the device, loads what the pure session machine needs, runs its
// effects in one transaction, and publishes live events after commit (protocol §2–§4).
import { randomUUID } from 'node:crypto';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { DmCommand } from '@dmc/shared/protocol';
import { decodeP1, decodeP3 } from '../../protocol/codec';
import { dmRefusal } from '../../protocol/session/refusal';
import { step, type HostedPrefixes, type SessionInput } from '../../protocol/session/session-machine';
import { NEW_SESSION, sessionStateSchema, type SessionState } from '../../protocol/session/session-state';
import type { CommandRow, DeviceRow, Repositories, SessionRow, Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import type { DeviceAuthenticator } from '../auth/device-auth';
import { capabilityUrls } from '../capabilities/capability-urls';
import { admitDevice } from './device-gate';
import { createDeviceThrottle, type DeviceThrottlePolicy } from '../auth/device-throttle';
import { inventoryTarget, jobInput, loadQueued, syncInstances, toQueued } from './session-inputs';
import type { TreeLimits } from '../tree/tree-limits';
import { refused, type DmReply, type DmRequest } from './dm-types';
import { runEffects } from './effect-runner';
import { createPendingEvents, type PendingEvents } from './pending-events';
import { exchangeRows } from '../session-log/session-capture';
import type { PushUrlPolicy } from '../notify/push-url-policy';
import type { ProfileEnforcer } from '../profiles/enforcement/enforcer';

export interface DmSessionSettings {
  publicUrl: string;
  sessionIdleS: number;
  maxCommandsPerPackage: number;
  /** DMC_MAX_DELIVERIES (protocol §12). */
  maxDeliveries: number;
  /** The slow-down for wrong device credentials (protocol §7); DEVICE_THROTTLE when absent. */
  deviceThrottle?: DeviceThrottlePolicy;
}

export interface DmSessionService {
  /** P1 at POST /dm, or at POST /dm/jobs/:jobToken when it delivers an EXEC outcome. */
  initiate(request: DmRequest, options?: { jobToken?: string }): Promise<DmReply>;
  /** P3 at POST /dm/s/:token. */
  continue(token: string, request: DmRequest): Promise<DmReply>;
  /** Closes open sessions idle past DMC_SESSION_IDLE_S; returns how many. */
  expireIdle(limit?: number): Promise<number>;
}

class SessionConflict extends Error {}

function sessionGone(): DmReply {
  return refused(dmRefusal('unknown-address', 'This session has moved on or closed.'));
}

function parseState(row: SessionRow): SessionState {
  const parsed = sessionStateSchema.safeParse(row.state);
  return parsed.success ? parsed.data : { kind: 'closed', reason: 'aborted' };
}

export function createDmSessionService(
  store: Store,
  deps: {
    clock: Clock;
    events: EventPublisher;
    authenticator: DeviceAuthenticator;
    settings: DmSessionSettings;
    announceDevice: (devId: string) => Promise<void>;
    /** Called after a session opened and committed, e.g. to mark a wake-up answered (protocol §6). */
    onSessionStarted?: (devId: string, sessionId: string) => Promise<void>;
    /** Imported meta-data documents; synchronous, as it is read inside the session's transaction. */
    extraMetadata?: () => readonly MoMetadata[];
    /** Which push URLs a DMAcc report may set (protocol §12); public addresses only when absent. */
    pushUrls?: PushUrlPolicy;
    /** Nodes per package and per device (protocol §12). */
    treeLimits?: TreeLimits;
    /** Configuration profiles enforced at each session (protocol §14, invariant 36). */
    profiles?: ProfileEnforcer;
  },
): DmSessionService {
  const { clock, events, authenticator, settings } = deps;
  const deviceThrottle = createDeviceThrottle(store, clock, settings.deviceThrottle);
  const idleMs = settings.sessionIdleS * 1000;
  const urls = capabilityUrls(settings.publicUrl);
  const hosted: HostedPrefixes = { objects: urls.prefix('object'), pages: urls.prefix('page') };

  /** The session row after a step: status, version and times follow the machine's new state. */
  function stepped(session: SessionRow, state: SessionState, now: Date): SessionRow {
    return {
      ...session,
      state,
      status: state.kind === 'closed' ? (state.reason === 'completed' ? 'completed' : state.reason) : 'open',
      updatedAt: now,
      expiresAt: new Date(now.getTime() + idleMs),
      endedAt: state.kind === 'closed' ? now : null,
    };
  }

  function effectContext(
    repos: Repositories,
    sessionId: string,
    device: DeviceRow,
    now: Date,
    pending: PendingEvents,
  ) {
    return {
      repos,
      device,
      sessionId,
      now,
      events: pending,
      extraMetadata: deps.extraMetadata?.() ?? [],
      ...(deps.pushUrls ? { pushUrls: deps.pushUrls } : {}),
      maxDeliveries: settings.maxDeliveries,
      ...(deps.treeLimits ? { treeLimits: deps.treeLimits } : {}),
    };
  }

  /** Runs one step of a stored session and saves it; throws SessionConflict if another writer won. */
  async function advance(
    repos: Repositories,
    session: SessionRow,
    device: DeviceRow,
    input: (repos: Repositories) => Promise<SessionInput>,
    pending: PendingEvents,
  ) {
    const now = clock.now();
    const { state, effects } = step(parseState(session), await input(repos));
    const outcome = await runEffects(effectContext(repos, session.id, device, now, pending), effects);
    const saved = await repos.sessions.update({
      ...stepped(session, state, now),
      version: session.version + 1,
    });
    if (!saved) throw new SessionConflict();
    return outcome;
  }

  /**
   * Takes the first step of a new session and stores it as it stands after that step, in one
   * insert (no writer can race a session nobody else knows yet).
   */
  async function open(
    repos: Repositories,
    session: SessionRow,
    device: DeviceRow,
    input: SessionInput,
    pending: PendingEvents,
  ) {
    const { state, effects } = step(NEW_SESSION, input);
    await repos.sessions.create(stepped(session, state, session.startedAt));
    return runEffects(effectContext(repos, session.id, device, session.startedAt, pending), effects);
  }

  /** A device removed after it was admitted is as unknown as one never registered. */
  function unknownDevice(): DmReply {
    return refused({
      ...dmRefusal('unauthenticated', 'Device authentication required.'),
      challenges: authenticator.challenges(false),
    });
  }

  function toReply(outcome: Awaited<ReturnType<typeof advance>>): DmReply {
    return outcome.reply ?? refused(dmRefusal('malformed', 'The session is closed.'));
  }

  return {
    async initiate(request, options = {}) {
      const started = performance.now();
      const job =
        options.jobToken === undefined ? undefined : await store.commands.findByJobToken(options.jobToken);
      if (options.jobToken !== undefined && !job)
        return refused(dmRefusal('unknown-address', 'No job has this address.'));
      const gate = await admitDevice(store, authenticator, request, deviceThrottle);
      if (!gate.ok) return gate.reply;
      if (job && job.devId !== gate.device.devId) {
        return refused(dmRefusal('wrong-device', 'This job belongs to another device.'));
      }
      const parsed = decodeP1(request.body);
      if (!parsed.ok) return refused(dmRefusal('malformed', parsed.error.message, parsed.error.issues));
      const p1 = parsed.value;
      const device = gate.device;
      const now = clock.now();
      const session: SessionRow = {
        id: randomUUID(),
        token: urls.mint('session').token,
        devId: device.devId,
        status: 'open',
        state: NEW_SESSION,
        version: 1,
        startedAt: now,
        updatedAt: now,
        expiresAt: new Date(now.getTime() + idleMs),
        endedAt: null,
      };
      // Lock order (ARCHITECTURE.md, invariants): the device row first, so a P3 or the expiry sweep
      // of this device's open session waits for this P1, or this P1 for them. The transaction may run
      // again (Store.transaction): what it gathers is made inside and returned.
      const done = await store.transaction(async (repos) => {
        // One statement locks the device row, records the contact and reads what this P1 decides
        // on: the open session it supersedes, queued work, a waiting notification, MO instances.
        const contact = await repos.devices.contact(device.devId, now, {
          queuedLimit: settings.maxCommandsPerPackage,
          withInstances: p1.MOS !== undefined,
        });
        if (!contact) return undefined;
        const pending = createPendingEvents(device.devId, session.id, now);
        const superseded: PendingEvents[] = [];
        // protocol §3: one open session per device; a new P1 supersedes the old one.
        const previous = contact.openSessionId
          ? await repos.sessions.findById(contact.openSessionId)
          : undefined;
        if (previous?.status === 'open') {
          const old = createPendingEvents(device.devId, previous.id, now);
          await advance(repos, previous, contact.device, () => Promise.resolve({ kind: 'supersede' }), old);
          superseded.push(old);
        }
        if (p1.MOS) {
          const cause = { at: now, source: 'session' as const, sessionId: session.id, commandId: null };
          await syncInstances(repos, device.devId, p1.MOS, contact.instances ?? [], cause);
        }
        pending.sessionStarted();
        // The contact changed what consoles show (last seen); the row under the lock is the news.
        pending.deviceChanged(contact.device);
        // Profile writes are queued here, so this P1's P2 carries them (protocol §14).
        const profileContext = {
          repos,
          devId: device.devId,
          now,
          command: (row: CommandRow) => pending.command(row),
        };
        const enforced = await deps.profiles?.atContact(profileContext);
        const outcome = await open(
          repos,
          session,
          contact.device,
          {
            kind: 'open',
            contUrl: urls.url('session', session.token),
            alerts: p1.Alert ?? [],
            inventory: inventoryTarget(contact.device, p1.MOS ?? [], now),
            // A superseded session's commands, or profile writes, were queued after the contact was read.
            queued:
              previous?.status === 'open' || enforced?.queued
                ? await loadQueued(repos, device.devId, now, settings.maxCommandsPerPackage)
                : contact.queued.map(toQueued),
            maxCommands: settings.maxCommandsPerPackage,
            ...(job ? { job: await jobInput(repos, job) } : {}),
          },
          pending,
        );
        // An EXEC outcome this job P1 delivered may finish a profile (protocol §14).
        const reported = job
          ? await deps.profiles?.atStatus({ ...profileContext, awaited: [job.id] })
          : undefined;
        // The session inspector's record of this exchange, in the same transaction (invariant 28).
        await repos.sessionLog.add(
          exchangeRows({
            sessionId: session.id,
            devId: device.devId,
            at: now,
            durationMs: performance.now() - started,
            request: { kind: 'P1', body: request.body },
            reply: outcome.reply?.kind === 'package' ? outcome.reply.p2 : undefined,
          }),
        );
        return { outcome, pending, superseded, answers: contact.hasOpenNotification, enforced, reported };
      });
      // The device was removed after it was admitted: it is unknown now.
      if (!done) return unknownDevice();
      const { outcome, pending, superseded, answers, enforced, reported } = done;
      for (const old of superseded) await old.flush(events, () => Promise.resolve());
      await pending.flush(events, () => deps.announceDevice(device.devId));
      enforced?.publish();
      reported?.publish();
      // A notification waited for this device when the session opened (protocol §6): answered now.
      if (answers) await deps.onSessionStarted?.(device.devId, session.id);
      return toReply(outcome);
    },

    async continue(token, request) {
      const started = performance.now();
      // The session and what the device gate needs of its device, in one read.
      const found = await store.sessions.findByTokenForAdmission(token);
      const session = found?.session;
      const now = clock.now();
      if (!found || !session || session.status !== 'open' || session.expiresAt.getTime() <= now.getTime()) {
        return refused(dmRefusal('unknown-address', 'No open DM session has this address.'));
      }
      const gate = await admitDevice(store, authenticator, request, deviceThrottle, {
        devId: session.devId,
        admission: found.admission,
      });
      if (!gate.ok) return gate.reply;
      if (gate.device.devId !== session.devId) {
        return refused(dmRefusal('wrong-device', 'This session belongs to another device.'));
      }
      const state = parseState(session);
      const sent = state.kind === 'awaiting-status' ? state.inFlight.map((c) => c.wire as DmCommand) : [];
      const parsed = decodeP3(request.body, sent);
      if (!parsed.ok) return refused(dmRefusal('malformed', parsed.error.message, parsed.error.issues));
      const p3 = parsed.value;
      try {
        const done = await store.transaction(async (repos) => {
          // Lock order (ARCHITECTURE.md, invariants): the device row first, taken by the statement
          // that records the contact. Under it the session's version is read again: a new P1 (which
          // supersedes it), another P3 or the expiry sweep may have committed since it was read
          // above, and then this package is for a session that is gone (and the contact is undone).
          const contact = await repos.devices.contact(session.devId, now, {
            queuedLimit: settings.maxCommandsPerPackage,
            sessionId: session.id,
          });
          if (!contact) return undefined;
          if (contact.sessionVersion !== session.version) throw new SessionConflict();
          const pending = createPendingEvents(session.devId, session.id, now);
          // The P1 already told consoles about this contact; a P3 announces the device only when its
          // effects change what consoles show (DevInfo, push URL).
          const outcome = await advance(
            repos,
            session,
            contact.device,
            () =>
              Promise.resolve({
                kind: 'status',
                p3,
                queued: contact.queued.map(toQueued),
                maxCommands: settings.maxCommandsPerPackage,
                hosted,
              }),
            pending,
          );
          // The outcomes of profile writes and read-backs this package carried (protocol §14).
          const enforced = await deps.profiles?.atStatus({
            repos,
            devId: session.devId,
            now,
            command: (row) => pending.command(row),
            awaited:
              state.kind === 'awaiting-status'
                ? state.inFlight.flatMap((c) => (c.kind === 'queued' ? [c.commandId] : []))
                : [],
          });
          await repos.sessionLog.add(
            exchangeRows({
              sessionId: session.id,
              devId: session.devId,
              at: now,
              durationMs: performance.now() - started,
              request: { kind: 'P3', body: request.body },
              reply: outcome.reply?.kind === 'package' ? outcome.reply.p2 : undefined,
            }),
          );
          return { outcome, pending, enforced };
        });
        // protocol §3: a P3 to a session that closed meanwhile (superseded, expired) changes nothing.
        if (!done) return sessionGone();
        await done.pending.flush(events, () => deps.announceDevice(session.devId));
        done.enforced?.publish();
        return toReply(done.outcome);
      } catch (err) {
        if (err instanceof SessionConflict) return sessionGone();
        throw err;
      }
    },

    async expireIdle(limit = 100) {
      const now = clock.now();
      let count = 0;
      // One session per transaction, claimed by its device's row (FOR NO KEY UPDATE SKIP LOCKED on
      // PostgreSQL: the device comes first in the lock order), so instances sweeping at once take
      // different sessions and a package for the device waits for the sweep, or the sweep skips it.
      for (let tries = 0; tries < limit; tries += 1) {
        const swept = await store.transaction(async (repos) => {
          const [candidate] = await repos.sessions.listExpired(now, 1);
          if (!candidate) return undefined;
          // Read again under the device's lock: a package may have moved it on since the claim.
          const session = await repos.sessions.findById(candidate.id);
          const device = await repos.devices.find(candidate.devId);
          if (
            !session ||
            !device ||
            session.status !== 'open' ||
            session.expiresAt.getTime() >= now.getTime()
          )
            return { pending: undefined };
          const claimed = createPendingEvents(session.devId, session.id, now);
          await advance(repos, session, device, () => Promise.resolve({ kind: 'expire' }), claimed);
          return { pending: claimed };
        });
        if (!swept) break;
        if (!swept.pending) continue;
        await swept.pending.flush(events, () => Promise.resolve());
        count += 1;
      }
      return count;
    },
  };
}
