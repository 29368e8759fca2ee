import { Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ROLES, type Role } from '@dmc/shared/api';
import { useCreateUser } from '../api/user-mutations';
import { NewPasswordFields, newPasswordProblem } from './password-fields';
import { ActionButton } from '../../../components/ui/action-button';
import { FormError } from '../../../components/ui/form-error';

/** A new console user with a role and a first password. */
export function CreateUserForm() {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = newPasswordProblem(password, repeated);
  const submit = () => {
    setTouched(true);
    if (problem !== undefined || username === '') return;
    create.mutate(
      { username, password, role },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', title: 'User created', message: `${username} (${role})` });
          setUsername('');
          setPassword('');
          setRepeated('');
          setTouched(false);
        },
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md">
      <form
        aria-label="New user"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label="Username"
              autoComplete="off"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              required
            />
            <Select
              label="Role"
              data={[...ROLES]}
              value={role}
              allowDeselect={false}
              onChange={(value) => value !== null && setRole(value)}
            />
          </Group>
          <NewPasswordFields
            password={password}
            repeated={repeated}
            onPassword={setPassword}
            onRepeated={setRepeated}
            error={touched ? problem : undefined}
          />
          <FormError error={create.error} />
          <Group justify="flex-end">
            <ActionButton type="submit" loading={create.isPending}>
              Create user
            </ActionButton>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
