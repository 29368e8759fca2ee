/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// A P0 attempt records only its outcome (protocol §12): `http 503`, `refused`, `timeout`, …, never an
// address, a port or the system's error text. Attempts recorded before that rule may hold such text
// ("connect ECONNREFUSED 10.0.0.5:8080"), which support users can read; this turns each into the word
// `failed`, keeping the texts that already are outcomes.
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/** The outcomes push-transport.ts records besides `http <status>`. */
export const PUSH_OUTCOME_WORDS = [
  'refused',
  'timeout',
  'host not found',
  'unreachable',
  'connection reset',
  'tls error',
  'address not allowed',
  'failed',
] as const;

export function pushOutcomesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`update notifications set last_error = 'failed'
        where last_error is not null
          and last_error not in (${sql.join(PUSH_OUTCOME_WORDS.map((w) => sql.lit(w)))})
          and not (last_error like 'http ___' and length(last_error) = 8)`.execute(db);
    },
  };
}
