// What must hold after every round of the P3/P1 race (protocol §3, ARCHITECTURE.md invariant 4): one
// open session, the P1's; no command lost; a command in flight only in that session; a status
// recorded once and never changed; a command whose status was recorded never sent again.
import type { CommandRow, Store } from '../../src/persistence/ports';
import type { RaceRound, Wire } from './race-device';

const FINAL = new Set(['ok', 'failed', 'accepted', 'cancelled', 'expired']);

export interface RaceLedger {
  /** Command id → its target, unique per command. */
  readonly targets: Map<string, string>;
  /** Commands whose status was recorded: what was recorded. */
  readonly finals: Map<string, string>;
}

export function newLedger(): RaceLedger {
  return { targets: new Map(), finals: new Map() };
}

function targetsOf(commands: readonly Wire[]): Set<string> {
  return new Set(commands.filter((c) => c[0] !== 'CONT').map((c) => c[1] ?? ''));
}

function snapshot(row: CommandRow): string {
  return JSON.stringify([row.state, row.sc, row.updatedAt.getTime(), row.sessionId]);
}

/** Every broken invariant after `round`, in words; empty when all hold. */
export async function raceViolations(
  store: Store,
  devId: string,
  ledger: RaceLedger,
  round: RaceRound,
  sessionToken: string | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  const open = (await store.sessions.listByDevice(devId, 1000)).filter((s) => s.status === 'open');
  if (open.length !== 1 || open[0]?.token !== sessionToken)
    problems.push(`open sessions ${open.length}, expected only the P1's`);
  const openId = open[0]?.id;
  const rows = await store.commands.listByDevice(devId, 10_000);
  const byTarget = new Map(rows.map((r) => [r.command[1] ?? '', r]));
  for (const [id, target] of ledger.targets) {
    if (!rows.some((r) => r.id === id)) problems.push(`command ${target} is lost`);
  }
  const sentNow = targetsOf(round.p1.status === 200 ? (round.p1.body as { CMD: Wire[] }).CMD : []);
  for (const row of rows) {
    const target = row.command[1] ?? '';
    const recorded = ledger.finals.get(row.id);
    if (recorded !== undefined && recorded !== snapshot(row))
      problems.push(`command ${target}: its recorded status changed (${recorded} → ${snapshot(row)})`);
    if (FINAL.has(row.state)) {
      if (sentNow.has(target)) problems.push(`command ${target} was sent again after its status`);
      ledger.finals.set(row.id, snapshot(row));
    } else if (row.state === 'sent') {
      if (row.sessionId !== openId) problems.push(`command ${target} is sent in a session that is not open`);
      if (!sentNow.has(target)) problems.push(`command ${target} is sent but not in the open session's P2`);
    } else if (row.state === 'queued') {
      if (sentNow.has(target)) problems.push(`command ${target} is in the P2 but still queued`);
    } else {
      problems.push(`command ${target} is ${row.state}`);
    }
  }
  // The P3's statuses were recorded exactly when it was answered 200 (a 404 changed nothing).
  for (const target of targetsOf(round.answered)) {
    const row = byTarget.get(target);
    // The DevInfo read of the first session is no command.
    if (row === undefined) continue;
    const isFinal = FINAL.has(row.state);
    if (round.p3.status === 200 && !isFinal)
      problems.push(`P3 answered 200 but the status of ${target} is not recorded`);
    if (round.p3.status === 404 && isFinal)
      problems.push(`P3 answered 404 but the status of ${target} was recorded`);
  }
  return problems;
}
