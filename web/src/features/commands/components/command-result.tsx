import { Text } from '@mantine/core';
import { pageAnswerSchema, type CommandRecord } from '@dmc/shared/api';
import { describeReason } from '../lib/command-reason';
import { ResultTree } from './result-tree';

function formatDelay(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

const ANSWERS = { accept: 'Accepted', decline: 'Declined', seen: 'Seen' } as const;

/**
 * Why the server ended the command (protocol §12), a SHOW's answer in words (protocol §8), otherwise
 * a short form of the result.
 */
export function describeResult(command: CommandRecord): string | null {
  const reason = describeReason(command);
  if (reason) return reason;
  const { result } = command;
  if (result === null || result === undefined) return null;
  if (command.command[0] === 'SHOW') {
    const answer = pageAnswerSchema.safeParse(result);
    if (answer.success) {
      const value = answer.data;
      if ('answer' in value && typeof value.answer === 'string' && value.answer in ANSWERS) {
        return `Answer: ${ANSWERS[value.answer as keyof typeof ANSWERS]}`;
      }
      if ('postponeS' in value && typeof value.postponeS === 'number') {
        return `Answer: postpone ${formatDelay(value.postponeS)}`;
      }
      const fields = Object.entries(value).map(([k, v]) => `${k} = ${String(v)}`);
      return `Answer: ${fields.join(', ')}`;
    }
  }
  return JSON.stringify(result);
}

export function CommandResult({ command }: { command: CommandRecord }) {
  const text = describeResult(command);
  if (!text) return <Text c="dimmed">—</Text>;
  const isAnswer = text.startsWith('Answer:') || command.reason !== null;
  if (!isAnswer && typeof command.result === 'object' && command.result !== null) {
    return <ResultTree value={command.result} label={`result of ${command.command[0] ?? 'command'}`} />;
  }
  return (
    <Text
      size="sm"
      ff={isAnswer ? 'text' : 'monospace'}
      fw={isAnswer ? 600 : 400}
      title={text}
      lineClamp={2}
      data-testid="command-result"
      style={{ wordBreak: 'break-all' }}
    >
      {text}
    </Text>
  );
}
