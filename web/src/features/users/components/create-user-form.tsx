import { Alert, Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ROLES, type Role } from '@dmc/shared/api';
import { useCreateUser } from '../api/user-mutations';
import { NewPasswordFields, newPasswordProblem } from './password-fields';

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
          {create.error && (
            <Alert color="red" role="alert">
              {create.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
