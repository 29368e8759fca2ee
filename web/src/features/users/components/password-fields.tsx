import { PasswordInput } from '@mantine/core';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@dmc/shared/api';

export const PASSWORD_RULE = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not a common password.`;

/** The problem with a new password and its repetition, before the server checks the common list. */
export function newPasswordProblem(password: string, repeated: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `At least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `At most ${PASSWORD_MAX_LENGTH} characters.`;
  if (password !== repeated) return 'The two passwords differ.';
  return undefined;
}

type Props = {
  password: string;
  repeated: string;
  onPassword: (value: string) => void;
  onRepeated: (value: string) => void;
  error?: string | undefined;
};

/** A new password, typed twice. */
export function NewPasswordFields({ password, repeated, onPassword, onRepeated, error }: Props) {
  return (
    <>
      <PasswordInput
        label="New password"
        description={PASSWORD_RULE}
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPassword(e.currentTarget.value)}
        required
      />
      <PasswordInput
        label="Repeat the new password"
        autoComplete="new-password"
        value={repeated}
        onChange={(e) => onRepeated(e.currentTarget.value)}
        error={error}
        required
      />
    </>
  );
}
