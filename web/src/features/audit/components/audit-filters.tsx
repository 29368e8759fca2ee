import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { AuditFilters } from '../../../lib/queries/audit';

/** A `datetime-local` value (local time) as an ISO instant, or undefined when empty or invalid. */
function toIso(local: string): string | undefined {
  if (local === '') return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function trimmed(value: string): string | undefined {
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** The audit screen's filters: applied together, on submit, so typing sends no request. */
export function AuditFiltersForm({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [target, setTarget] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const filters: AuditFilters = {};
    const values = {
      actor: trimmed(actor),
      action: trimmed(action),
      target: trimmed(target),
      since: toIso(since),
      until: toIso(until),
    };
    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined) filters[key as keyof AuditFilters] = value;
    }
    onApply(filters);
  }

  return (
    <form onSubmit={submit} aria-label="Audit filters">
      <Group align="flex-end" gap="sm">
        <TextInput label="Actor" value={actor} onChange={(e) => setActor(e.currentTarget.value)} w={150} />
        <TextInput
          label="Action"
          placeholder="queueCommand"
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
          w={170}
        />
        <TextInput label="Target" value={target} onChange={(e) => setTarget(e.currentTarget.value)} w={170} />
        <TextInput
          label="From"
          type="datetime-local"
          value={since}
          onChange={(e) => setSince(e.currentTarget.value)}
        />
        <TextInput
          label="Until"
          type="datetime-local"
          value={until}
          onChange={(e) => setUntil(e.currentTarget.value)}
        />
        <Button type="submit" variant="default">
          Apply filters
        </Button>
      </Group>
    </form>
  );
}
