// Configuration profiles (protocol §14): created, changed and removed by operators and admins, read by
// every role. A change of query, nodes or EXECs is a new revision; every write tells consoles
// (`profile:changed`) and sweeps the profile's membership at once in the background. The list shows
// each profile's counts (one indexed statement for all) and its conflicts with the other profiles.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  MAX_PROFILES,
  type CreateProfileInput,
  type DeviceProfiles,
  type Profile,
  type ProfileList,
  type ProfileStatusPage,
  type ProfileStatusQuery,
  type UpdateProfileInput,
  type User,
} from '@dmc/shared/api';
import type { ProfileRow, Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import type { NotificationService } from '../notify/notification.service';
import { ConflictError, NotFoundError } from '../errors';
import { profileChanged, publish } from '../events/live-events';
import { profileCountsPublisher } from './counts-publisher';
import type { EnabledProfileCache } from './enforcement';
import { createMembershipSweep, type MembershipSweep } from './membership-sweep';
import { profileConflicts } from './profile-conflicts';
import { checkProfileExecs, checkProfileNodes, checkProfileQuery } from './profile-input';
import { NO_COUNTS, toProfile, toProfileDeviceState } from './profile-view';

export interface ProfileService {
  list(): Promise<ProfileList>;
  get(id: string): Promise<Profile>;
  create(input: CreateProfileInput, user: User): Promise<Profile>;
  update(id: string, input: UpdateProfileInput): Promise<Profile>;
  remove(id: string): Promise<void>;
  /** One profile's counts and a page of its devices, keyset by DevID, optionally in one status. */
  status(id: string, query: ProfileStatusQuery): Promise<ProfileStatusPage>;
  /** The device's state in every profile it is a member of. */
  forDevice(devId: string): Promise<DeviceProfiles>;
  /** The background sweep of membership this service kicks after each write. */
  readonly sweep: MembershipSweep;
}

export interface ProfileServiceDeps {
  clock: Clock;
  events: EventPublisher;
  notifications: Pick<NotificationService, 'wake'>;
  log: Pick<Logger, 'warn'>;
  /** The enabled profiles DM sessions enforce on this instance: read again after each write. */
  cache?: Pick<EnabledProfileCache, 'invalidate'>;
}

const nameTaken = (name: string) =>
  new ConflictError(`A profile named "${name}" exists already (names are compared ignoring case).`, {
    reason: 'name-taken',
  });

const notFound = (id: string) => new NotFoundError(`No profile "${id}".`);

/** Whether a change asks the devices to be brought over again (a new revision). */
function isNewRevision(row: ProfileRow, next: ProfileRow): boolean {
  return (
    row.query !== next.query ||
    JSON.stringify(row.nodes) !== JSON.stringify(next.nodes) ||
    JSON.stringify(row.execs) !== JSON.stringify(next.execs)
  );
}

export function createProfileService(store: Store, deps: ProfileServiceDeps): ProfileService {
  const onError = (err: unknown) => deps.log.warn({ err }, 'profile membership sweep failed');
  const counts = profileCountsPublisher(store.profiles, deps.events, onError);
  const sweep = createMembershipSweep(store, {
    clock: deps.clock,
    notifications: deps.notifications,
    counts,
    onError,
  });

  async function findRow(id: string): Promise<ProfileRow> {
    const row = await store.profiles.find(id);
    if (!row) throw notFound(id);
    return row;
  }

  /** The profiles as the API shows them: counts in one statement, conflicts against every profile. */
  async function views(rows: readonly ProfileRow[], all: readonly ProfileRow[]): Promise<Profile[]> {
    const [countsById, conflicts] = [
      await store.profiles.counts(rows.map((r) => r.id)),
      profileConflicts(all),
    ];
    return rows.map((row) =>
      toProfile(row, countsById.get(row.id) ?? NO_COUNTS, conflicts.get(row.id) ?? []),
    );
  }

  async function viewOf(row: ProfileRow): Promise<Profile> {
    const [view] = await views([row], await store.profiles.list(MAX_PROFILES));
    if (view === undefined) throw notFound(row.id);
    return view;
  }

  /** Tells consoles; sweeps the membership when it may have moved (a new revision, or enabled). */
  function changed(id: string, removed: boolean, sweepNow: boolean): void {
    deps.cache?.invalidate();
    publish(deps.events, profileChanged(id, removed));
    if (sweepNow) sweep.kick(id);
  }

  return {
    sweep,

    async list() {
      const rows = await store.profiles.list(MAX_PROFILES);
      return { items: await views(rows, rows) };
    },

    async get(id) {
      return viewOf(await findRow(id));
    },

    async create(input, user) {
      checkProfileQuery(input.query, deps.clock.now());
      const now = deps.clock.now();
      const row: ProfileRow = {
        id: randomUUID(),
        name: input.name,
        query: input.query,
        priority: input.priority,
        nodes: checkProfileNodes(input.nodes),
        execs: checkProfileExecs(input.execs),
        enabled: input.enabled,
        driftRetries: input.driftRetries,
        revision: 1,
        createdBy: user.username,
        createdAt: now,
        updatedAt: now,
      };
      // One transaction: on SQLite (one writer) the count and the insert cannot interleave.
      await store.transaction(async (repos) => {
        if ((await repos.profiles.count()) >= MAX_PROFILES)
          throw new ConflictError(`The server keeps at most ${MAX_PROFILES} profiles; remove one first.`, {
            reason: 'too-many-profiles',
            limit: MAX_PROFILES,
          });
        if (!(await repos.profiles.create(row))) throw nameTaken(input.name);
      });
      changed(row.id, false, row.enabled);
      return viewOf(row);
    },

    async update(id, input) {
      const row = await findRow(id);
      if (input.query !== undefined) checkProfileQuery(input.query, deps.clock.now());
      const next: ProfileRow = {
        ...row,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.query === undefined ? {} : { query: input.query }),
        ...(input.priority === undefined ? {} : { priority: input.priority }),
        ...(input.nodes === undefined ? {} : { nodes: checkProfileNodes(input.nodes) }),
        ...(input.execs === undefined ? {} : { execs: checkProfileExecs(input.execs) }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
        ...(input.driftRetries === undefined ? {} : { driftRetries: input.driftRetries }),
        updatedAt: deps.clock.now(),
      };
      if (isNewRevision(row, next)) next.revision = row.revision + 1;
      if (!(await store.profiles.update(next))) {
        if (!(await store.profiles.find(id))) throw notFound(id);
        throw nameTaken(next.name);
      }
      changed(id, false, next.enabled && (next.revision !== row.revision || !row.enabled));
      return viewOf(next);
    },

    async remove(id) {
      if (!(await store.profiles.remove(id))) throw notFound(id);
      changed(id, true, false);
    },

    async status(id, query) {
      const row = await findRow(id);
      const [page, countsById] = [
        await store.profiles.states(id, {
          limit: query.limit + 1,
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.after === undefined ? {} : { after: query.after }),
        }),
        await store.profiles.counts([id]),
      ];
      const devices = page.slice(0, query.limit).map((state) => toProfileDeviceState(state, row.name));
      const next = page.length > query.limit ? (devices.at(-1)?.devId ?? null) : null;
      return { ...(countsById.get(id) ?? NO_COUNTS), devices, next };
    },

    async forDevice(devId) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      const states = await store.profiles.deviceStates(devId);
      const names = new Map((await store.profiles.list(MAX_PROFILES)).map((p) => [p.id, p.name]));
      return {
        items: states
          .filter((s) => names.has(s.profileId))
          .map((s) => toProfileDeviceState(s, names.get(s.profileId) ?? ''))
          .sort((a, b) => (a.profileName < b.profileName ? -1 : a.profileName > b.profileName ? 1 : 0)),
      };
    },
  };
}
