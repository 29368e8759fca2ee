// The password policy of profile §10: 12 to 256 characters, and not a common password. The list of
// common passwords (common-passwords.txt, lower case, one a line) is read once, on first use.
import { readFileSync } from 'node:fs';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@dmc/shared/api';
import { InputError } from '../errors';

let common: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
  return common;
}

/**
 * Whether `password` is a common password, compared without case: one of the list, one of the list
 * with digits or symbols around it ("Password123!"), or one short unit repeated ("abcabcabcabc").
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (core !== '' && list.has(core)) return true;
  const unit = /^(.+?)\1+$/u.exec(lower)?.[1];
  return unit !== undefined && (unit.length <= 4 || list.has(unit));
}

/** The rule `password` breaks, or undefined when it may be used. */
export function passwordRuleBroken(password: string): 'length' | 'common' | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return 'length';
  return isCommonPassword(password) ? 'common' : undefined;
}

/** Throws an InputError (400) that names the rule a new password breaks. */
export function checkNewPassword(password: string): void {
  switch (passwordRuleBroken(password)) {
    case 'length':
      throw new InputError(
        `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`,
        { rule: 'length', min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
      );
    case 'common':
      throw new InputError(
        'The password is too common (it is, or is built on, a well-known password); choose another.',
        { rule: 'common' },
      );
    case undefined:
      return;
  }
}
