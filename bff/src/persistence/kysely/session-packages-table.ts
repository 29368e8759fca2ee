import type { Generated } from 'kysely';

/** Packages of DM sessions for the session inspector (0023), redacted, bounded per device. */
export interface SessionPackagesTable {
  seq: Generated<number>;
  session_id: string;
  dev_id: string;
  kind: string;
  at: number;
  status: number | null;
  duration_ms: number;
  command_id: string | null;
  /** Commands the package carries (a P2's, CONT and END aside); 0 for other kinds. */
  commands: number;
  /** JSON of the redacted package, or of a truncation marker. */
  body: string;
  body_bytes: number;
  truncated: number;
}
