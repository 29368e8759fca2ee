import { Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  API_TOKEN_DEFAULT_DAYS,
  ROLES,
  apiTokenNameSchema,
  type CreatedApiToken,
  type Role,
} from '@dmc/shared/api';
import { useCreateApiToken } from '../api/account-mutations';
import { ActionButton } from '../../../components/ui/action-button';
import { FormError } from '../../../components/ui/form-error';
import { describeIssue } from '../../../lib/field-errors';

const EXPIRIES = [7, 30, API_TOKEN_DEFAULT_DAYS, 180, 365];

/** The roles a user may give a token: its own and those below it. */
export function rolesUpTo(role: Role): Role[] {
  return ROLES.slice(ROLES.indexOf(role));
}

type Props = { role: Role; onCreated: (token: CreatedApiToken) => void };

/** A new API token: a name, a role no higher than the user's own, and an expiry. */
export function CreateTokenForm({ role, onCreated }: Props) {
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [tokenRole, setTokenRole] = useState<Role>(role);
  const [days, setDays] = useState(String(API_TOKEN_DEFAULT_DAYS));
  const [touched, setTouched] = useState(false);
  const nameIssue = apiTokenNameSchema.safeParse(name).error?.issues[0];
  const nameProblem = nameIssue ? describeIssue(nameIssue).problem : undefined;

  const submit = () => {
    setTouched(true);
    if (nameProblem !== undefined) return;
    create.mutate(
      { name: name.trim(), role: tokenRole, expiresInDays: Number(days) },
      {
        onSuccess: (created) => {
          setName('');
          setTouched(false);
          onCreated(created);
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md">
      <form
        aria-label="Create an API token"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={4} fz="h5" fw={600}>
            Create an API token
          </Title>
          <Group align="flex-start" gap="sm" grow>
            <TextInput
              label="Name"
              description="What it is for, e.g. ci-export"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={touched ? nameProblem : undefined}
              required
            />
            <NativeSelect
              label="Role"
              description="At most your own"
              data={rolesUpTo(role)}
              value={tokenRole}
              onChange={(e) => setTokenRole(e.currentTarget.value as Role)}
            />
            <NativeSelect
              label="Expires in"
              description="Days from now"
              data={EXPIRIES.map((d) => ({ value: String(d), label: `${d} days` }))}
              value={days}
              onChange={(e) => setDays(e.currentTarget.value)}
            />
          </Group>
          <FormError error={create.error} labels={{ expiresInDays: 'Expires in' }} />
          <Group justify="flex-end">
            <ActionButton type="submit" loading={create.isPending}>
              Create token
            </ActionButton>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
