// Campaigns (protocol §11): one action over many devices, its waves and each device's part.
import type {
  CampaignAction,
  CampaignDeviceReason,
  CampaignDeviceState,
  CampaignPauseReason,
  CampaignState,
  CommandFailureReason,
  CommandState,
  HealthGate,
  WaveSpec,
  WaveState,
} from '@dmc/shared/api';

export interface CampaignRow {
  id: string;
  name: string;
  state: CampaignState;
  /** The fleet query; null for a campaign over named devices. */
  query: string | null;
  /** The saved view `query` was copied from, by its name when the campaign was made. */
  viewName: string | null;
  devIds: string[] | null;
  action: CampaignAction;
  /** The MO a device's part holds while it runs; null never conflicts (wake, labels). */
  conflictKey: string | null;
  waveSpec: WaveSpec;
  errorThresholdPct: number;
  healthGate: HealthGate | null;
  dynamic: boolean;
  approvalRequired: boolean;
  bulk: boolean;
  pausedReason: CampaignPauseReason | null;
  createdBy: string;
  approvedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Optimistic concurrency: bumped by every update. */
  version: number;
  /** The last dev_id membership inserted (keyset cursor); null before the first batch. */
  membershipCursor: string | null;
  membershipDone: boolean;
  wavesPlanned: boolean;
  /** Failures a resume accepted: the error threshold looks only at failures beyond them. */
  acceptedFailures: number;
  /** A cancelled campaign whose open devices (and their commands) are all cancelled. */
  settled: boolean;
  dynamicCheckedAt: Date | null;
}

export interface CampaignWaveRow {
  campaignId: string;
  n: number;
  size: number;
  state: WaveState;
  startedAt: Date | null;
  gateUntil: Date | null;
  finishedAt: Date | null;
  gateReason: string | null;
}

export interface CampaignDeviceRow {
  campaignId: string;
  devId: string;
  wave: number | null;
  state: CampaignDeviceState;
  commandId: string | null;
  operationId: string | null;
  sc: number | null;
  reason: CampaignDeviceReason | null;
  detail: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

/** A member as membership inserts it: pending, or skipped with a reason. */
export interface NewCampaignMember {
  devId: string;
  state: 'pending' | 'skipped';
  reason: CampaignDeviceReason | null;
  detail: string | null;
}

/** How a running device's part ended. */
export interface CampaignDeviceOutcome {
  devId: string;
  state: 'ok' | 'failed';
  sc: number | null;
  reason: CampaignDeviceReason | null;
  detail: string | null;
}

/** The facts membership and the preview judge a device by. */
export interface CampaignDeviceFacts {
  devId: string;
  Man: string | null;
  Mod: string | null;
  HwV: string | null;
  FwV: string | null;
}

export interface CommandOutcomeRow {
  id: string;
  state: CommandState;
  sc: number | null;
  reason: CommandFailureReason | null;
}

export interface OperationOutcomeRow {
  id: string;
  state: string;
  result: unknown;
}

/** One device's alert window for the health gate: [from, to). */
export interface AlertWindow {
  devId: string;
  from: Date;
  to: Date;
}

export interface CampaignRepository {
  create(row: CampaignRow): Promise<void>;
  find(id: string): Promise<CampaignRow | undefined>;
  /** Newest first, keyset after (createdAt, id). */
  list(query: {
    state?: CampaignState;
    limit: number;
    after?: { createdAt: Date; id: string };
  }): Promise<CampaignRow[]>;
  /** Writes `row` if the stored version is `row.version - 1`; false when someone else won. */
  update(row: CampaignRow): Promise<boolean>;
  /** Campaigns the step moves on (running, paused, cancelled but not settled), oldest first. */
  listActive(limit: number): Promise<CampaignRow[]>;
  listWaves(campaignId: string): Promise<CampaignWaveRow[]>;
  /** Inserts waves that do not exist yet (a retried plan changes nothing). */
  createWaves(waves: readonly CampaignWaveRow[]): Promise<void>;
  /**
   * Moves wave n from one of `from` to `to.state` with the given fields, in one conditional
   * statement; false when its state was not in `from` (another step won).
   */
  transitionWave(
    campaignId: string,
    n: number,
    from: readonly WaveState[],
    to: Partial<Omit<CampaignWaveRow, 'campaignId' | 'n'>> & { state: WaveState },
  ): Promise<boolean>;
}

export interface CampaignDeviceRepository {
  /** Inserts members that are not in yet (ON CONFLICT DO NOTHING); returns how many were new. */
  addMembers(campaignId: string, members: readonly NewCampaignMember[], at: Date): Promise<number>;
  /** Device states with their counts; states without devices are absent. */
  countByState(campaignId: string): Promise<Partial<Record<CampaignDeviceState, number>>>;
  /** Keyset page by devId, optionally of one state and one wave. */
  list(
    campaignId: string,
    query: { state?: CampaignDeviceState; wave?: number; limit: number; afterDevId?: string },
  ): Promise<CampaignDeviceRow[]>;
  /** How many members of the wave are not final (pending or running). */
  countOpenInWave(campaignId: string, wave: number): Promise<number>;
  /** Sets the wave of each named member that has none yet (a retried plan gives the same). */
  assignWaves(campaignId: string, assignments: readonly { devId: string; wave: number }[]): Promise<void>;
  /** pending → running with the command or operation id; returns the devIds moved. */
  markRunning(
    campaignId: string,
    rows: readonly { devId: string; commandId: string | null; operationId: string | null }[],
    at: Date,
  ): Promise<string[]>;
  /** pending → ok (work done at once: wake, labels); returns the devIds moved. */
  markDone(campaignId: string, devIds: readonly string[], at: Date): Promise<string[]>;
  /** running → ok | failed; returns how many moved. */
  finish(campaignId: string, outcomes: readonly CampaignDeviceOutcome[], at: Date): Promise<number>;
  /** Up to `limit` pending or running members moved to cancelled (reason `cancelled`); returns them. */
  cancelOpen(campaignId: string, limit: number, at: Date): Promise<CampaignDeviceRow[]>;
  /**
   * Of `devIds`, those another running, paused or awaiting campaign holds with the same key, with
   * the campaign that holds each (a device held twice appears twice), in devId order.
   */
  holders(
    devIds: readonly string[],
    conflictKey: string,
    exceptCampaignId: string,
  ): Promise<{ devId: string; campaignId: string; campaignName: string }[]>;
  /** Of `devIds` (at most 1,000), those that are not members of the campaign yet, in devId order. */
  nonMembers(campaignId: string, devIds: readonly string[]): Promise<string[]>;
  /** The device's part in each campaign, newest campaign first, with its name and state. */
  listForDevice(
    devId: string,
    limit: number,
  ): Promise<
    (CampaignDeviceRow & { campaignName: string; campaignState: CampaignState; hasCanary: boolean })[]
  >;
  /** DevInfo facts of the registered devices among `devIds`, in devId order. */
  deviceFacts(devIds: readonly string[]): Promise<CampaignDeviceFacts[]>;
  /** Reported MO instances of the devices, limited to `moids`. */
  instancesOf(
    devIds: readonly string[],
    moids: readonly string[],
  ): Promise<{ devId: string; moid: string; miid: string }[]>;
  /** Stored node paths of the devices under `moids` (what a dry run reads). */
  nodesOf(
    devIds: readonly string[],
    moids: readonly string[],
  ): Promise<{ devId: string; moid: string; miid: string; path: string }[]>;
  commandOutcomes(ids: readonly string[]): Promise<CommandOutcomeRow[]>;
  operationOutcomes(ids: readonly string[]): Promise<OperationOutcomeRow[]>;
  /** How many alerts the devices raised, each in its own window. */
  countAlerts(windows: readonly AlertWindow[]): Promise<number>;
}
