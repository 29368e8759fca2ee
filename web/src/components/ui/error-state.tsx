import { Alert, Code, Stack, Text } from '@mantine/core';
import { CircleAlert } from 'lucide-react';
import { isApiError } from '../../lib/api-error';

type ErrorStateProps = { error: unknown; title?: string };

/** Shows an error's message and API code, never a stack. */
export function ErrorState({ error, title = 'Something went wrong' }: ErrorStateProps) {
  const code = isApiError(error) ? error.code : undefined;
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';
  return (
    <Alert variant="light" color="red" icon={<CircleAlert size={18} />} title={title} role="alert">
      <Stack gap={4}>
        <Text size="sm">{message}</Text>
        {code && (
          <Text size="xs" c="dimmed">
            Error code{' '}
            <Code fz="xs" data-testid="error-code">
              {code}
            </Code>
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
