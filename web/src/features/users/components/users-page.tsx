import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/ui/page-header';
import { CreateUserForm } from './create-user-form';
import { UsersTable } from './users-table';

/** Admin → Users (protocol §10): the console's users, their roles and status. */
export function UsersPage() {
  return (
    <Stack gap="md">
      <PageHeader
        title="Users"
        description="Who may sign in to the console, and with which role. Disabling, deleting, a role change or a new password signs the user out everywhere at once."
      />
      <UsersTable />
      <CreateUserForm />
    </Stack>
  );
}
