import { describe, expect, it } from 'vitest';
import { commandOutcomeOf } from './command-outcome';

const show = (state: string, result: unknown) => ({ command: ['SHOW', 'http://s/ui/t'], state, result });

describe('commandOutcomeOf', () => {
  it('names what the person answered a SHOW that ended ok', () => {
    expect(commandOutcomeOf(show('ok', { answer: 'decline' }))).toBe('declined');
    expect(commandOutcomeOf(show('ok', { answer: 'accept' }))).toBe('accepted');
    expect(commandOutcomeOf(show('ok', { answer: 'seen' }))).toBe('seen');
    expect(commandOutcomeOf(show('ok', { postponeS: 3600 }))).toBe('postponed');
    expect(commandOutcomeOf(show('ok', { email: 'a@b.c' }))).toBe('answered');
  });

  it('is null before the answer, for a SHOW that did not end ok, and for other commands', () => {
    expect(commandOutcomeOf(show('accepted', null))).toBeNull();
    expect(commandOutcomeOf(show('failed', { answer: 'decline' }))).toBeNull();
    expect(commandOutcomeOf(show('ok', null))).toBeNull();
    expect(commandOutcomeOf(show('ok', {}))).toBeNull();
    expect(
      commandOutcomeOf({ command: ['GET', 'urn:x//A'], state: 'ok', result: { answer: 'decline' } }),
    ).toBeNull();
  });
});
