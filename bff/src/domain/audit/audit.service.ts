// The audit log service: appends entries to the hash chain, lists them with filters and keyset
// paging, walks the chain to verify it, and pages through it for the CSV export.
import { z } from 'zod';
import type {
  AuditEntry,
  AuditFilterQuery,
  AuditPage,
  AuditVerifyResult,
  ListAuditQuery,
} from '@dmc/shared/api';
import type { AuditFilter, AuditRow, Store } from '../../persistence/ports';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import type { Clock } from '../ports';
import { chainEntry, isValidLink, type AuditEvent } from './audit-chain';

/** Rows read per step when verifying or exporting. */
const BATCH = 500;
/** Longest stored text of a field: entries stay small whatever a client sends. */
const MAX_FIELD = 512;

const cursorSchema = z.object({ seq: z.number().int().positive() });

export interface AuditService {
  /** Appends one entry (its time is now); rejects when it cannot be stored. */
  record(event: Omit<AuditEvent, 'at'>): Promise<AuditRow>;
  list(query: ListAuditQuery): Promise<AuditPage>;
  verify(): Promise<AuditVerifyResult>;
  /** Every entry matching the filters, newest first, a page at a time. */
  exportPages(query: AuditFilterQuery): AsyncIterable<AuditEntry[]>;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return { ...row, at: row.at.toISOString() };
}

function clip(value: string): string {
  return value.length > MAX_FIELD ? value.slice(0, MAX_FIELD) : value;
}

function filterOf(query: AuditFilterQuery): AuditFilter {
  return {
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.target === undefined ? {} : { target: query.target }),
    ...(query.since === undefined ? {} : { since: new Date(query.since) }),
    ...(query.until === undefined ? {} : { until: new Date(query.until) }),
  };
}

export function createAuditService(store: Store, deps: { clock: Clock }): AuditService {
  return {
    record(event) {
      const clipped: AuditEvent = {
        at: deps.clock.now(),
        actor: clip(event.actor),
        role: clip(event.role),
        action: clip(event.action),
        target: clip(event.target),
        outcome: clip(event.outcome),
        client: clip(event.client),
        requestId: clip(event.requestId),
      };
      return store.transaction(async (repos) => {
        await repos.audit.lockChain();
        const row = chainEntry(clipped, await repos.audit.last());
        await repos.audit.insert(row);
        return row;
      });
    },

    async list(query) {
      const filter = filterOf(query);
      if (query.cursor !== undefined) filter.beforeSeq = decodeCursor(query.cursor, cursorSchema).seq;
      const rows = await store.audit.list(filter, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toAuditEntry),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ seq: last.seq }) : null,
      };
    },

    async verify() {
      let previous: AuditRow | undefined;
      let checked = 0;
      for (;;) {
        const rows = await store.audit.range(previous?.seq ?? 0, BATCH);
        for (const row of rows) {
          checked += 1;
          if (!isValidLink(row, previous)) return { ok: false, checked, firstBadSeq: row.seq };
          previous = row;
        }
        if (rows.length < BATCH) return { ok: true, checked };
      }
    },

    async *exportPages(query) {
      const filter = filterOf(query);
      for (;;) {
        const rows = await store.audit.list(filter, BATCH);
        if (rows.length > 0) yield rows.map(toAuditEntry);
        const last = rows.at(-1);
        if (rows.length < BATCH || last === undefined) return;
        filter.beforeSeq = last.seq;
      }
    },
  };
}
