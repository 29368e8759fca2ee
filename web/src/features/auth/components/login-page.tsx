import { Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ui/error-state';
import { BrandMark } from '../../../components/ui/brand-mark';
import { useLogin } from '../api/login';

/** Only same-origin paths are followed after sign-in, never another site. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')
    ? next
    : '/devices';
}

export function LoginPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const loginMutation = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    loginMutation.mutate(
      { username, password },
      { onSuccess: () => void navigate(safeNextPath(searchParams.get('next')), { replace: true }) },
    );
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Box w="100%" maw={380}>
        <Stack align="center" gap={6} mb="lg">
          <BrandMark size={40} />
          <Title order={1} fz="h3" fw={600}>
            Sign in to dmc
          </Title>
          <Text size="sm" c="dimmed">
            OMA DM 2.0 device management console
          </Text>
        </Stack>
        <Paper withBorder radius="md" p="lg" shadow="xs">
          <form onSubmit={onSubmit} aria-label="Sign in">
            <Stack gap="md">
              <TextInput
                label="Username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                data-autofocus
              />
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                // Keeps the accessible name "Password" unique on the page (tests use getByLabel).
                visibilityToggleButtonProps={{ 'aria-label': 'Show typed characters' }}
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              {loginMutation.error && <ErrorState error={loginMutation.error} title="Sign-in failed" />}
              <Button type="submit" fullWidth loading={loginMutation.isPending}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
