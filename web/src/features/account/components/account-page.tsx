import { Button, Divider, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { PageHeader } from '../../../components/ui/page-header';
import { meQueryOptions } from '../../../lib/queries/auth';
import { ChangePasswordModal } from '../../users/components/change-password-modal';
import { ApiTokensSection } from './api-tokens-section';
import { SessionsTable } from './sessions-table';

/** Account (protocol §10): one's own password, sessions and API tokens. */
export function AccountPage() {
  const { data: user } = useQuery(meQueryOptions());
  const [isChangingPassword, setChangingPassword] = useState(false);
  if (!user) return <Skeleton height={200} radius="md" />;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Account"
        description={`Signed in as ${user.username} (${user.role}). Your password, where you are signed in, and your API tokens.`}
      />
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between">
          <Stack gap={2}>
            <Title order={3} fz="h4" fw={600}>
              Password
            </Title>
            <Text size="sm" c="dimmed">
              A new password signs out your other sessions; your API tokens keep working.
            </Text>
          </Stack>
          <Button
            variant="light"
            leftSection={<KeyRound size={16} aria-hidden />}
            onClick={() => setChangingPassword(true)}
          >
            Change password
          </Button>
        </Group>
      </Paper>
      <SessionsTable />
      <Divider />
      <ApiTokensSection user={user} />
      <ChangePasswordModal
        username={user.username}
        opened={isChangingPassword}
        onClose={() => setChangingPassword(false)}
      />
    </Stack>
  );
}
