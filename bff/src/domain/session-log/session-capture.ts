// The rows the session inspector keeps of one DM exchange: the device's package (P1 or P3) and the
// P2 that answered it, written with one statement inside the package's own transaction
// (ARCHITECTURE invariants 5 and 28), so what is kept is exactly what committed.
import { STATUS, type P2 } from '@dmc/shared/protocol';
import type { SessionPackageInsert } from '../../persistence/ports';
import { storedBody } from './redact-package';

export interface DmExchange {
  sessionId: string;
  devId: string;
  at: Date;
  /** How long the server took from reading the package to the write, in milliseconds. */
  durationMs: number;
  request: { kind: 'P1' | 'P3'; body: unknown };
  /** The P2 sent back; absent when the package was answered otherwise. */
  reply: P2 | undefined;
}

/** Commands a P2 carries that an operator or the server chose (CONT and END aside). */
export function commandCount(p2: P2): number {
  return p2.CMD.filter((c) => c[0] !== 'CONT' && c[0] !== 'END').length;
}

export function exchangeRows(exchange: DmExchange): SessionPackageInsert[] {
  const { sessionId, devId, at, reply } = exchange;
  const durationMs = Math.max(0, Math.round(exchange.durationMs));
  const base = { sessionId, devId, at, durationMs, commandId: null };
  const rows: SessionPackageInsert[] = [
    {
      ...base,
      kind: exchange.request.kind,
      // Answered with a P2; a package the machine refused (e.g. a P3 with the wrong number of
      // statuses) is kept without a status, its refusal worded by the HTTP edge.
      status: reply ? STATUS.OK : null,
      commands: 0,
      ...storedBody(exchange.request.body),
    },
  ];
  if (reply)
    rows.push({
      ...base,
      kind: 'P2',
      status: STATUS.OK,
      commands: commandCount(reply),
      ...storedBody(reply),
    });
  return rows;
}
