// Aggregates for the dashboard.
import type { CommandState } from '@dmc/shared/api';

/** Aggregates over the fleet for the dashboard; each is one indexed aggregate query. */
export interface FleetStatsRepository {
  countDevices(): Promise<number>;
  /** Devices whose last contact is at or after `since`. */
  countSeenSince(since: Date): Promise<number>;
  /** Devices per reported firmware version (null: none reported), most common first, then by version. */
  countByFirmware(limit: number): Promise<{ version: string | null; count: number }[]>;
  /** Commands per state, for the given states; states with none are left out. */
  countCommandsByState(states: readonly CommandState[]): Promise<{ state: CommandState; count: number }[]>;
}
