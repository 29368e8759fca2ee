import { Text, Tooltip } from '@mantine/core';
import type { CommandRecord } from '@dmc/shared/api';

/** The device's status code, with its plain-language meaning on hover (and for screen readers). */
export function StatusCode({ command }: { command: CommandRecord }) {
  if (command.sc === null) return <Text c="dimmed">—</Text>;
  const label = command.scMeaning ? `${command.sc} ${command.scMeaning}` : String(command.sc);
  const code = (
    <Text
      component="span"
      size="sm"
      ff="monospace"
      td={command.scMeaning ? 'underline dotted' : undefined}
      aria-label={label}
      tabIndex={0}
      data-testid="status-code"
    >
      {command.sc}
    </Text>
  );
  return command.scMeaning ? <Tooltip label={label}>{code}</Tooltip> : code;
}
