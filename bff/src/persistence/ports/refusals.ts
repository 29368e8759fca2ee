// Refused contacts of registered devices, the newest few per device (issue 12).

/** One refused request of a device. Holds no credential and no body. */
export interface RefusalRow {
  id: string;
  devId: string;
  at: Date;
  /** Where: 'dm' (P1), 'dm-session' (P3), 'dm-job', 'dr-inbox'. */
  endpoint: string;
  /** The HTTP status of the answer (4xx). */
  status: number;
  /** The error code of the answer. */
  code: string;
  /** Why, in plain words. */
  reason: string;
  /** Refusals of the device not recorded one by one since the previous record. */
  suppressed: number;
}

export interface RefusalRepository {
  /**
   * Stores `row` when its device is registered, then keeps only the device's `keep` newest records;
   * false (nothing stored) for a device that is not registered.
   */
  add(row: RefusalRow, keep: number): Promise<boolean>;
  /** The device's records, newest first. */
  listByDevice(devId: string, limit: number): Promise<RefusalRow[]>;
}
