// The hash chain of the audit log (profile §10): each entry's hash is the SHA-256 of a canonical
// encoding of its fields and the previous entry's hash, so changing or removing a stored entry
// breaks every link after it.
import { createHash } from 'node:crypto';
import type { AuditRow } from '../../persistence/ports';

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry before it has a place in the chain. */
export type AuditEvent = Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>;

/**
 * The canonical encoding: a JSON array of the fields in a fixed order (strings escaped by JSON, the
 * time as epoch milliseconds), so no two different entries encode alike.
 */
export function canonicalAuditEncoding(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([
    row.seq,
    row.at.getTime(),
    row.actor,
    row.role,
    row.action,
    row.target,
    row.outcome,
    row.client,
    row.requestId,
    row.prevHash,
  ]);
}

export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditEncoding(row), 'utf8').digest('hex');
}

/** The entry that follows `previous` (or starts the chain). */
export function chainEntry(event: AuditEvent, previous: AuditRow | undefined): AuditRow {
  const unhashed = {
    ...event,
    seq: (previous?.seq ?? 0) + 1,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unhashed, hash: auditHash(unhashed) };
}

/** Whether `row` is a correct successor of `previous` (undefined: the first entry). */
export function isValidLink(row: AuditRow, previous: AuditRow | undefined): boolean {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  return row.seq === expectedSeq && row.prevHash === expectedPrev && row.hash === auditHash(row);
}
