import { Alert, Badge, Button, CopyButton, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { ArrowLeft, Copy, History } from 'lucide-react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../../components/ui/error-state';
import { inspectedSessionQueryOptions } from '../../../lib/queries/sessions';
import { formatDuration } from '../lib/format';
import { PackageBubble } from './package-bubble';
import { SESSION_RESULT_COLOR } from './session-result';
import classes from './session-inspector.module.css';

/**
 * One DM session read like a chat between server and device (ux.md, "Explaining a device"): every
 * package in order, each explained in words, its JSON a click away with secrets shown as redacted.
 */
export function SessionInspector({
  devId,
  sessionId,
  onBack,
}: {
  devId: string;
  sessionId: string;
  onBack: () => void;
}) {
  const { data, error, isPending } = useQuery(inspectedSessionQueryOptions(devId, sessionId));
  const back = (
    <Button
      variant="subtle"
      leftSection={<ArrowLeft size={16} aria-hidden />}
      onClick={onBack}
      w="fit-content"
    >
      Back to sessions
    </Button>
  );
  if (isPending) return <Skeleton height={240} radius="md" />;
  if (error)
    return (
      <Stack>
        {back}
        <ErrorState error={error} title="Could not load the session" />
      </Stack>
    );
  const end = data.endedAt ?? data.packages.at(-1)?.at;
  // The tree as it was just before the session began (protocol §13, tree history).
  const before = new Date(new Date(data.startedAt).getTime() - 1).toISOString();
  return (
    <Stack gap="md" component="section" aria-labelledby="session-inspector-title">
      {back}
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={4}>
            <Title order={3} size="h4" id="session-inspector-title">
              Session of {new Date(data.startedAt).toLocaleString()}
            </Title>
            <Group gap="xs">
              <Badge variant="light" color={SESSION_RESULT_COLOR[data.state]}>
                {data.state}
              </Badge>
              {end && (
                <Text size="sm" c="dimmed">
                  {formatDuration(new Date(end).getTime() - new Date(data.startedAt).getTime())} ·{' '}
                  {data.packages.length} packages
                </Text>
              )}
            </Group>
          </Stack>
          <Group gap="xs">
            <Button
              component={Link}
              to={`?tab=tree&at=${encodeURIComponent(before)}`}
              variant="default"
              leftSection={<History size={16} aria-hidden />}
            >
              Tree before this session
            </Button>
            <CopyButton value={JSON.stringify(data, null, 2)}>
              {({ copied, copy }) => (
                <Button variant="default" leftSection={<Copy size={16} aria-hidden />} onClick={copy}>
                  {copied ? 'Copied' : 'Copy as JSON'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Group>
      </Paper>
      {data.reason && (
        <Alert color="red" title="Refused contact">
          {data.reason}
        </Alert>
      )}
      {data.packages.length === 0 && !data.reason && (
        <Text c="dimmed">No packages are kept for this session (older than what is kept).</Text>
      )}
      <div className={classes.chat} role="log" aria-label="Packages of the session">
        {data.packages.map((pkg) => (
          <PackageBubble key={pkg.seq} pkg={pkg} />
        ))}
      </div>
    </Stack>
  );
}
