import { Box, Center, Group, Skeleton, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState } from '../../components/ui/error-state';
import { useMe } from '../../features/auth/api/get-me';

function ShellSkeleton() {
  return (
    <Group align="stretch" gap={0} h="100vh" aria-busy="true" aria-label="Loading the console">
      <Stack w={220} p="md" gap="sm">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={28} radius="sm" />
        ))}
      </Stack>
      <Box p="lg" style={{ flex: 1 }}>
        <Skeleton height={32} width={240} mb="lg" radius="sm" />
        <Skeleton height={400} radius="md" />
      </Box>
    </Group>
  );
}

/** Lets signed-in users through; everyone else goes to the login page and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <ShellSkeleton />;
  if (me.error?.isUnauthenticated) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.error) {
    return (
      <Center h="100vh" p="md">
        <Box maw={520} w="100%">
          <ErrorState error={me.error} title="Cannot reach the console server" />
        </Box>
      </Center>
    );
  }
  return children;
}
