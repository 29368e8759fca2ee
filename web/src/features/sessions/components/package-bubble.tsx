import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import type { SessionPackage } from '@dmc/shared/api';
import { formatDuration, splitRedacted } from '../lib/format';
import classes from './session-inspector.module.css';

/** Packages the device sends (left); the server's are on the right. */
const FROM_DEVICE = new Set<SessionPackage['kind']>(['P1', 'P3', 'DR', 'UI']);

const TITLES: Record<SessionPackage['kind'], string> = {
  P0: 'Server wakes the device',
  P1: 'Device opens the session',
  P2: 'Server sends commands',
  P3: 'Device reports statuses',
  DR: 'Device calls the Data Repository',
  UI: 'Device opens a page',
};

function statusColor(status: number | null): string {
  if (status === null) return 'gray';
  return status < 300 ? 'teal' : status < 400 ? 'blue' : 'red';
}

/** The package's JSON, pretty-printed, each redacted value marked. */
function RedactedJson({ body }: { body: unknown }) {
  return (
    <pre className={classes.json}>
      {splitRedacted(body).map((part, i) =>
        part.redacted ? (
          <mark
            key={i}
            className={classes.redacted}
            title="Redacted: a credential, secret or capability token"
          >
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </pre>
  );
}

/** One package of a session as a chat bubble: who sent it, when, what it says in words, its JSON. */
export function PackageBubble({ pkg }: { pkg: SessionPackage }) {
  const fromDevice = FROM_DEVICE.has(pkg.kind);
  const label = `${pkg.kind} #${pkg.seq}: ${TITLES[pkg.kind]}`;
  return (
    <Paper
      component="article"
      aria-label={label}
      data-testid="session-package"
      data-kind={pkg.kind}
      withBorder
      radius="lg"
      p="sm"
      className={fromDevice ? classes.device : classes.server}
    >
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Badge variant="filled" color={fromDevice ? 'gray' : 'blue'}>
              {pkg.kind}
            </Badge>
            <Text size="sm" fw={600}>
              {TITLES[pkg.kind]}
            </Text>
          </Group>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {new Date(pkg.at).toLocaleTimeString()}
            </Text>
            <Badge variant="light" color={statusColor(pkg.status)}>
              {pkg.status === null ? 'no status' : `HTTP ${pkg.status}`}
            </Badge>
            <Text size="xs" c="dimmed" aria-label={`Handled in ${formatDuration(pkg.durationMs)}`}>
              {formatDuration(pkg.durationMs)}
            </Text>
          </Group>
        </Group>
        <List size="sm" spacing={2} aria-label={`What ${pkg.kind} #${pkg.seq} says`}>
          {pkg.explained.map((line, i) => (
            <List.Item key={i}>{line.text}</List.Item>
          ))}
        </List>
        <details className={classes.details}>
          <summary>
            JSON of {pkg.kind} #{pkg.seq}
          </summary>
          <RedactedJson body={pkg.body} />
        </details>
      </Stack>
    </Paper>
  );
}
