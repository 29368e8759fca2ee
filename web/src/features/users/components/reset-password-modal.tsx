import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useUpdateUser } from '../api/user-mutations';
import { NewPasswordFields, newPasswordProblem } from './password-fields';
import { FormError } from '../../../components/ui/form-error';

type Props = { username: string | null; onClose: () => void; onDone: (username: string) => void };

/** An admin sets a new password for another user; that user's sessions end. */
export function ResetPasswordModal({ username, onClose, onDone }: Props) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = newPasswordProblem(password, repeated);
  const close = () => {
    setPassword('');
    setRepeated('');
    setTouched(false);
    update.reset();
    onClose();
  };
  const submit = () => {
    setTouched(true);
    if (problem !== undefined || username === null) return;
    update.mutate(
      { username, change: { password } },
      {
        onSuccess: () => {
          onDone(username);
          close();
        },
      },
    );
  };
  return (
    <Modal opened={username !== null} onClose={close} title={`Reset the password of ${username ?? ''}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">Every session of this user ends; it signs in again with the new password.</Text>
          <NewPasswordFields
            password={password}
            repeated={repeated}
            onPassword={setPassword}
            onRepeated={setRepeated}
            error={touched ? problem : undefined}
          />
          <FormError error={update.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={update.isPending}>
              Reset password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
