import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateUser } from '../api/user-mutations';
import { NewPasswordFields, newPasswordProblem } from './password-fields';
import { FormError } from '../../../components/ui/form-error';

type Props = { username: string; opened: boolean; onClose: () => void };

/** The signed-in user changes its own password; its other sessions end, this one stays. */
export function ChangePasswordModal({ username, opened, onClose }: Props) {
  const update = useUpdateUser();
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = newPasswordProblem(password, repeated);
  const close = () => {
    setCurrentPassword('');
    setPassword('');
    setRepeated('');
    setTouched(false);
    update.reset();
    onClose();
  };
  const submit = () => {
    setTouched(true);
    if (problem !== undefined || currentPassword === '') return;
    update.mutate(
      { username, change: { password, currentPassword } },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            title: 'Password changed',
            message: 'Your other sessions have been signed out.',
          });
          close();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title="Change my password">
      <form
        aria-label="Change my password"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">Your other sessions end; this one stays signed in.</Text>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            required
          />
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
            <Button type="submit" loading={update.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
