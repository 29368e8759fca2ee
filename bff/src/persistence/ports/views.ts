// Saved views of the device list (protocol §8): named fleet queries the team shares.
import type { DeviceColumnId, DeviceSortField } from '@dmc/shared/api';

export interface SavedViewRow {
  id: string;
  /** Unique case-insensitively. */
  name: string;
  /** The fleet query text, checked by the parser when saved. */
  query: string;
  sort: DeviceSortField | null;
  order: 'asc' | 'desc' | null;
  columns: DeviceColumnId[] | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SavedViewRepository {
  /** Stores the view unless another one has its name (case-insensitively): false then. */
  create(row: SavedViewRow): Promise<boolean>;
  find(id: string): Promise<SavedViewRow | undefined>;
  /** By name (case-insensitively), then id; at most `limit`. */
  list(limit: number): Promise<SavedViewRow[]>;
  count(): Promise<number>;
  /**
   * Writes every field but id, creator and creation, unless another view has the new name
   * (case-insensitively); false then, or when there is no such view.
   */
  update(row: SavedViewRow): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}
