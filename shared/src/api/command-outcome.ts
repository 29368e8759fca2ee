import { z } from 'zod';

/**
 * What the person on the device answered, for a SHOW that ended `ok` (protocol §8): `accepted` or
 * `declined` (consent), `postponed` (a postpone page's delay), `seen` (an info page), `answered` (a
 * form's values). Null for every other command, and for a SHOW that did not end `ok`.
 */
export const COMMAND_OUTCOMES = ['accepted', 'declined', 'postponed', 'seen', 'answered'] as const;
export const commandOutcomeSchema = z.enum(COMMAND_OUTCOMES);
export type CommandOutcome = z.infer<typeof commandOutcomeSchema>;

/** The outcome of a command from its name, state and result; null when it has none. */
export function commandOutcomeOf(command: {
  command: readonly string[];
  state: string;
  result: unknown;
}): CommandOutcome | null {
  if (command.command[0] !== 'SHOW' || command.state !== 'ok') return null;
  const { result } = command;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return null;
  const r = result as Record<string, unknown>;
  if (r.answer === 'accept') return 'accepted';
  if (r.answer === 'decline') return 'declined';
  if (r.answer === 'seen') return 'seen';
  if (typeof r.postponeS === 'number') return 'postponed';
  return Object.keys(r).length > 0 ? 'answered' : null;
}
