// Multi-step operations on one device.
import { OPERATION_KINDS, OPERATION_STATES } from '@dmc/shared/api';

export { OPERATION_KINDS, OPERATION_STATES };
export type OperationKind = (typeof OPERATION_KINDS)[number];
export type OperationState = (typeof OPERATION_STATES)[number];
export const FINAL_OPERATION_STATES: readonly OperationState[] = ['ok', 'failed', 'declined', 'cancelled'];

/** A multi-step operation on one device (firmware update, software install) and where it stands. */
export interface OperationRow {
  id: string;
  devId: string;
  kind: OperationKind;
  artifactId: string | null;
  /**
   * The MO instance (FUMO or SCOMO MIID) it works on: at most one operation of a kind that is not
   * final per device and instance.
   */
  moInstance: string | null;
  /** Kind-specific parameters (MO instance, consent page …), JSON. */
  params: unknown;
  state: OperationState;
  /** Commands of the current step, in the order they were queued. */
  commandIds: string[];
  /** The SHOW asking the person for consent, while one is out. */
  consentCommandId: string | null;
  /** Outcome details, JSON. */
  result: unknown;
  /** When a postponed operation asks again. */
  resumeAt: Date | null;
  /** Optimistic concurrency: bumped by every update. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OperationRepository {
  /**
   * Stores a new operation; false (nothing stored) when one of the same kind that is not final
   * already works on the device's `moInstance`. Two racing creates never both succeed.
   */
  create(row: OperationRow): Promise<boolean>;
  /** The operation of `kind` that is not final on the device's MO instance, if any. */
  findActive(devId: string, kind: OperationKind, moInstance: string): Promise<OperationRow | undefined>;
  find(id: string): Promise<OperationRow | undefined>;
  /** Newest first. */
  listByDevice(devId: string, limit: number): Promise<OperationRow[]>;
  /** Operations not in a final state, oldest first; `afterId` continues a scan (ordered by createdAt, id). */
  listActive(limit: number, after?: { createdAt: Date; id: string }): Promise<OperationRow[]>;
  /** Writes `row` if the stored version is `row.version - 1`; false when someone else won. */
  update(row: OperationRow): Promise<boolean>;
  /** Whether an operation that is not final uses the artifact. */
  isArtifactInUse(artifactId: string): Promise<boolean>;
}
