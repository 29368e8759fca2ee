// One node of one profile on one device: how its write and read-back ended (settle), and what the
// stored tree, the dry run and running campaigns say it needs now (protocol §14). Pure.
import type { CommandState } from '@dmc/shared/api';
import type { ProfileNodeProgress } from '@dmc/shared/api';
import { describeStatus } from '@dmc/shared/protocol';
import { profileCommandId, type ProfileCommandKey } from './derived-ids';

/** What is known of a command profile enforcement queued. */
export interface CommandFact {
  state: CommandState;
  sc: number | null;
  /** Why the server ended it without a status (`no-status`), else null. */
  reason: string | null;
}

/** What may happen to a write the stored tree shows is needed. */
export type NodeVerdict =
  | { kind: 'allowed' }
  /** The dry run's reason (protocol §8): the write is not sent. */
  | { kind: 'refused'; reason: string }
  /** A running campaign's command touches the node, an ancestor or a descendant: wait for it. */
  | { kind: 'campaign'; campaign: string };

/** The fixed part of a node's command ids: everything but the generation and kind. */
export type NodeKey = Omit<ProfileCommandKey, 'generation' | 'kind'>;

const IN_FLIGHT: readonly CommandState[] = ['queued', 'sent', 'accepted'];
const QUOTE_MAX = 60;

/** A value as a reason quotes it: short, and marked when cut. */
export function quote(value: string | null | undefined): string {
  if (value === null || value === undefined) return 'no value';
  return value.length > QUOTE_MAX ? `'${value.slice(0, QUOTE_MAX)}…'` : `'${value}'`;
}

/** "405 (Not allowed: the node does not permit this command …)": the DM status and its meaning. */
export function statusText(sc: number): string {
  return `${sc} (${describeStatus(sc).replace(/\.$/, '')})`;
}

export function progress(
  uri: string,
  state: ProfileNodeProgress['state'],
  fields: Partial<Omit<ProfileNodeProgress, 'uri' | 'state'>> = {},
): ProfileNodeProgress {
  return { uri, state, reason: null, sc: null, commandId: null, driftWrites: 0, ...fields };
}

/** Why a command ended without the outcome asked for, in words. */
function endedWithout(what: string, fact: CommandFact): { reason: string; sc: number | null } {
  if (fact.state === 'failed' && fact.sc !== null)
    return { reason: `the device answered ${statusText(fact.sc)} to the ${what}`, sc: fact.sc };
  if (fact.state === 'failed' && fact.reason === 'no-status')
    return { reason: `the ${what} was sent several times and the device never answered`, sc: null };
  if (fact.state === 'cancelled') return { reason: `the ${what} was cancelled`, sc: null };
  if (fact.state === 'expired') return { reason: `the ${what} expired before the device took it`, sc: null };
  return { reason: `the ${what} failed`, sc: fact.sc };
}

export const writeIdOf = (key: NodeKey, generation: number) =>
  profileCommandId({ ...key, generation, kind: 'write' });
export const readIdOf = (key: NodeKey, generation: number) =>
  profileCommandId({ ...key, generation, kind: 'read' });

/** The ids whose facts settle a node in flight: its write and its read-back. */
export function inFlightIds(key: NodeKey, node: ProfileNodeProgress): string[] {
  if (node.state === 'writing') return [writeIdOf(key, node.driftWrites), readIdOf(key, node.driftWrites)];
  if (node.state === 'reading-back') return [readIdOf(key, node.driftWrites)];
  return [];
}

/**
 * A node whose write or read-back was in flight, moved on by what its commands did: still in flight,
 * reading back, verified, or failed with the DM status. `stored` is the value the device reported
 * (the read-back stores it); undefined when the tree does not hold the node. A node not in flight
 * is returned as it is.
 */
export function settle(
  key: NodeKey,
  node: ProfileNodeProgress,
  value: string,
  facts: ReadonlyMap<string, CommandFact>,
  stored: string | null | undefined,
): ProfileNodeProgress {
  let current = node;
  if (current.state === 'writing') {
    const write = facts.get(writeIdOf(key, current.driftWrites));
    // A write that vanished (its device's commands removed) is as if never sent: plan it again.
    if (!write) return progress(key.uri, 'waiting', { driftWrites: current.driftWrites });
    if (IN_FLIGHT.includes(write.state)) return current;
    if (write.state !== 'ok') {
      return progress(key.uri, 'failed', {
        ...endedWithout('write', write),
        commandId: current.commandId,
        driftWrites: current.driftWrites,
      });
    }
    current = progress(key.uri, 'reading-back', {
      commandId: readIdOf(key, current.driftWrites),
      driftWrites: current.driftWrites,
    });
  }
  if (current.state !== 'reading-back') return current;
  const read = facts.get(readIdOf(key, current.driftWrites));
  if (read && IN_FLIGHT.includes(read.state)) return current;
  if (!read || read.state !== 'ok') {
    const why = read ? endedWithout('read-back', read) : { reason: 'the read-back is gone', sc: null };
    return { ...current, state: 'failed', ...why };
  }
  if (stored === value) return { ...current, state: 'verified', reason: null, sc: null };
  return {
    ...current,
    state: 'failed',
    reason: `the device reports ${quote(stored)} after the write of ${quote(value)}`,
    sc: null,
  };
}

/** What a node needs when nothing of it is in flight, before any verdict on a write. */
export type NodeNeed =
  | { kind: 'done'; node: ProfileNodeProgress }
  /** A write of `generation` is needed; `driftWrites` already counts it when it is a drift write. */
  | { kind: 'write'; generation: number; driftWrites: number };

/**
 * Compares the stored value with the profile's: equal is verified; a verified node that now differs
 * has drifted and is written again, up to `driftRetries` times, then `failed` with `drift-retries`.
 * A failed node stays failed for its revision unless the device came to report the value.
 */
export function need(
  node: ProfileNodeProgress,
  value: string,
  stored: string | null | undefined,
  driftRetries: number,
): NodeNeed {
  if (stored === value) {
    if (node.state === 'verified') return { kind: 'done', node };
    return { kind: 'done', node: progress(node.uri, 'verified', { driftWrites: node.driftWrites }) };
  }
  if (node.state === 'failed') return { kind: 'done', node };
  if (node.state !== 'verified') {
    return { kind: 'write', generation: node.driftWrites, driftWrites: node.driftWrites };
  }
  if (node.driftWrites >= driftRetries) {
    return {
      kind: 'done',
      node: progress(node.uri, 'failed', {
        reason: `drift-retries: the device left ${quote(value)} again (it reports ${quote(stored)}) after ${node.driftWrites} write${node.driftWrites === 1 ? '' : 's'} to correct drift`,
        driftWrites: node.driftWrites,
      }),
    };
  }
  const next = node.driftWrites + 1;
  return { kind: 'write', generation: next, driftWrites: next };
}
