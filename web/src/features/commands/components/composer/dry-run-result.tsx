import { Alert, Badge, Code, List, Text } from '@mantine/core';
import { CircleAlert, CircleCheck } from 'lucide-react';
import type { DryRunResult } from '@dmc/shared/api';
import { isApiError } from '../../../../lib/api-error';

export type DryRunOutcome = { result: DryRunResult } | { error: unknown };

/** What the dry run found: "would fail because …" with each problem, or that nothing was found. */
export function DryRunResultView({ outcome }: { outcome: DryRunOutcome }) {
  if ('error' in outcome) {
    const { error } = outcome;
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<CircleAlert size={18} />}
        title="Could not check this command"
      >
        <Text size="sm">
          {error instanceof Error ? error.message : 'The dry run failed.'}
          {isApiError(error) && (
            <>
              {' '}
              <Code fz="xs">{error.code}</Code>
            </>
          )}
        </Text>
      </Alert>
    );
  }
  const { result } = outcome;
  if (result.ok) {
    return (
      <Alert color="teal" variant="light" icon={<CircleCheck size={18} />} title="Dry run: no problems found">
        <Text size="sm">The device reported everything this command needs.</Text>
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      icon={<CircleAlert size={18} />}
      title="Would fail because …"
      data-testid="dry-run-problems"
    >
      <List size="sm" spacing={4}>
        {result.problems.map((p, i) => (
          <List.Item key={`${p.code}-${i}`}>
            <Badge size="xs" variant="outline" color="red" mr={6} radius="sm">
              {p.code}
            </Badge>
            {p.message}
            {p.clientUri && (
              <Text span size="xs" c="dimmed" ff="monospace" ml={6}>
                {p.clientUri}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
