import { Box } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../components/ui/error-state';

/** Shown when a route fails to render: the message, never a stack. */
export function RouteError() {
  const error = useRouteError();
  const shown = isRouteErrorResponse(error) ? new Error(`${error.status} ${error.statusText}`) : error;
  return (
    <Box p="xl" maw={720}>
      <ErrorState error={shown} title="This page failed to load" />
    </Box>
  );
}
