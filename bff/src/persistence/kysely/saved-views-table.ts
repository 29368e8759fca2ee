// The saved_views table (migration 0026) as Kysely sees it; schema.ts puts it in the Database.
/** Saved views of the device list (0026), shared by the team. */
export interface SavedViewsTable {
  id: string;
  name: string;
  /** The name lower-cased; unique. */
  name_key: string;
  query: string;
  sort: string | null;
  sort_order: string | null;
  /** JSON string[] of column ids, or NULL. */
  columns: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}
