import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { Check, Copy, TriangleAlert } from 'lucide-react';
import type { CreatedApiToken } from '@dmc/shared/api';

type Props = { created: CreatedApiToken | null; onClose: () => void };

/** The secret of a new API token, shown this once: copy it now, it cannot be shown again. */
export function CreatedTokenModal({ created, onClose }: Props) {
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={created ? `API token "${created.name}" created` : undefined}
      closeOnClickOutside={false}
    >
      {created && (
        <Stack gap="sm">
          <Alert color="yellow" icon={<TriangleAlert size={16} aria-hidden />} role="alert">
            Copy this token now: you will not see it again. Only its hash is kept.
          </Alert>
          <Code block data-testid="created-token" style={{ wordBreak: 'break-all' }}>
            {created.token}
          </Code>
          <Text size="sm" c="dimmed">
            Send it as <Code>Authorization: Bearer …</Code>. Role {created.role}; valid until{' '}
            {new Date(created.expiresAt).toLocaleDateString()}.
          </Text>
          <Group justify="flex-end" gap="xs">
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : 'indigo'}
                  leftSection={copied ? <Check size={16} aria-hidden /> : <Copy size={16} aria-hidden />}
                  onClick={copy}
                >
                  {copied ? 'Copied' : 'Copy token'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>I have copied it</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
