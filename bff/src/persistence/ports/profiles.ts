// Configuration profiles and each matching device's state in them (protocol §14).
import type {
  ProfileCounts,
  ProfileExec,
  ProfileExecProgress,
  ProfileNode,
  ProfileNodeProgress,
  ProfileStatus,
} from '@dmc/shared/api';
import type { QueryExpr } from '@dmc/shared/query';

export interface ProfileRow {
  id: string;
  /** Unique case-insensitively. */
  name: string;
  /** The fleet query text, checked by the parser when saved. */
  query: string;
  priority: number;
  nodes: ProfileNode[];
  execs: ProfileExec[];
  enabled: boolean;
  driftRetries: number;
  /** Bumped by every change of query, nodes or execs. */
  revision: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One device's state for one profile: the row behind counts, the status page and the device page. */
/** What `deviceStatuses` reads of a device's state in one profile. */
export type ProfileDeviceStatus = Pick<ProfileDeviceRow, 'profileId' | 'status' | 'revision'>;

export interface ProfileDeviceRow {
  profileId: string;
  devId: string;
  status: ProfileStatus;
  reason: string | null;
  nodes: ProfileNodeProgress[];
  execs: ProfileExecProgress[];
  /** The profile revision the state is for; a newer revision starts the device over. */
  revision: number;
  /**
   * When the device became a member (the row was first inserted): part of the derived command ids,
   * so a device that left and matches again does not meet its earlier membership's commands. Kept
   * by every later write of the row (`putStates` ignores it then), a new revision's too.
   */
  since: Date;
  updatedAt: Date;
}

/** A profile's query, parsed, for membership checks. */
export interface ProfileMatcher {
  profileId: string;
  expr: QueryExpr | null;
}

export interface ProfileRepository {
  /** Stores the profile unless another one has its name (case-insensitively): false then. */
  create(row: ProfileRow): Promise<boolean>;
  find(id: string): Promise<ProfileRow | undefined>;
  /** By name, case-insensitively. */
  findByName(name: string): Promise<ProfileRow | undefined>;
  /** By priority (highest first), then name; at most `limit`. */
  list(limit: number): Promise<ProfileRow[]>;
  /** The enabled profiles, as `list` orders them. */
  listEnabled(): Promise<ProfileRow[]>;
  count(): Promise<number>;
  /** Writes every field but id, creator and creation; false on a name clash or when it is gone. */
  update(row: ProfileRow): Promise<boolean>;
  /** Removes the profile and every device state of it. */
  remove(id: string): Promise<boolean>;

  /**
   * Devices per status for each profile named (zeros for one without devices), or for every profile
   * when absent; a GROUP BY over the (profile_id, status, dev_id) index.
   */
  counts(profileIds?: readonly string[]): Promise<Map<string, ProfileCounts>>;
  /** The device's state in every profile it is a member of. */
  deviceStates(devId: string): Promise<ProfileDeviceRow[]>;
  /** The same states' status and revision only: no node progress to decode (read at every P1). */
  deviceStatuses(devId: string): Promise<ProfileDeviceStatus[]>;
  /** One profile's device states, by DevID after `after`, optionally in one status. */
  states(
    profileId: string,
    options: { status?: ProfileStatus; after?: string; limit: number },
  ): Promise<ProfileDeviceRow[]>;
  /** Inserts or replaces the state of (profileId, devId); a replaced row keeps its `since`. */
  putStates(rows: readonly ProfileDeviceRow[]): Promise<void>;
  removeStates(profileId: string, devIds: readonly string[]): Promise<void>;

  /** Which of the matchers' queries match this one device, in one statement. */
  matchingDevice(devId: string, matchers: readonly ProfileMatcher[], now: Date): Promise<string[]>;
  /**
   * One chunk of a profile's membership sweep over the devices with DevID after `after` (at most
   * `limit` devices read): adds matching devices without a state as `pending` with `reason` (`since`
   * = `now`), removes
   * the states of devices that no longer match, and starts over (`pending` with `reason`, no node
   * progress, `revision`) the states of an older revision (`restarted`). Returns the added and removed DevIDs (sorted) and
   * the last DevID read, or null when the chunk reached the end of the fleet (fewer than `limit`).
   */
  sweepMembers(
    matcher: ProfileMatcher,
    options: { after: string | null; limit: number; now: Date; revision: number; reason: string },
  ): Promise<{ added: string[]; removed: string[]; restarted: string[]; last: string | null }>;
}
