import { Alert, Group, NumberInput, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ActionButton } from '../../../components/ui/action-button';
import { FormError } from '../../../components/ui/form-error';
import { fieldErrorsOf, type FieldError } from '../../../lib/field-errors';
import { matchCountQueryOptions } from '../../../lib/queries/views';
import { QueryBar } from '../../devices/components/query-bar';
import { buildProfileInput, profileFieldLabels, type ProfileDraft } from '../lib/profile-draft';
import { ExecRows, NodeRows } from './form/node-rows';
import type { CreateProfileInput } from '@dmc/shared/api';

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={3} fz="md" fw={600}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

/** How many devices the applied query matches now (the device list's total, refreshed). */
function MatchCount({ query }: { query: string }) {
  const { data, isPending, error } = useQuery(matchCountQueryOptions(query));
  return (
    <Text size="xs" c="dimmed" data-testid="profile-match-count">
      {query === '' ? 'Applies to every device' : `Applies to: ${query}`}
      {' · '}
      {isPending ? 'counting…' : error ? 'the count is not available' : `${data} devices match now`}
    </Text>
  );
}

/** The first error of exactly `field` (a row's own error is not its list's). */
function exactError(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.problem;
}

type ProfileFormProps = {
  initial: ProfileDraft;
  submitLabel: string;
  /** The API's refusal of the last submission (its VALIDATION_FAILED issues are shown per field). */
  error: unknown;
  isPending: boolean;
  onSubmit: (input: CreateProfileInput) => void;
};

/**
 * A profile's fields: name, fleet query (the query editor, with its live match count), priority,
 * the nodes to hold as ClientURI/value rows, optional EXECs, drift retries, enabled. Problems are
 * shown at each field, from the browser's check first and from the API's answer after.
 */
export function ProfileForm({ initial, submitLabel, error, isPending, onSubmit }: ProfileFormProps) {
  const [draft, setDraft] = useState<ProfileDraft>(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [queryError, setQueryError] = useState<string | null>(null);
  const change = (patch: Partial<ProfileDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const built = buildProfileInput(draft);
  const labels = profileFieldLabels(draft);
  const local = showErrors && !built.ok ? fieldErrorsOf(built.error, labels) : [];
  const remote = fieldErrorsOf(error, labels);
  const errors = local.length > 0 ? local : remote;
  const errorOf = (field: string) => exactError(errors, field);

  const submit = () => {
    setShowErrors(true);
    if (!built.ok || queryError !== null) return;
    onSubmit(built.value);
  };

  return (
    <form
      aria-label="Profile"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            label="Name"
            placeholder="wifi-eu"
            w={320}
            value={draft.name}
            onChange={(e) => change({ name: e.currentTarget.value })}
            error={errorOf('name')}
          />
          <NumberInput
            label="Priority"
            description="Higher wins a node two profiles set"
            w={200}
            allowDecimal={false}
            value={draft.priority}
            onChange={(value) => change({ priority: value })}
            error={errorOf('priority')}
          />
          <NumberInput
            label="Drift retries"
            description="Writes after drift before failed"
            w={200}
            min={0}
            max={100}
            allowDecimal={false}
            value={draft.driftRetries}
            onChange={(value) => change({ driftRetries: value })}
            error={errorOf('driftRetries')}
          />
        </Group>
        <Section
          title="Devices"
          description="Every device this fleet query matches, now and later, holds the nodes below."
        >
          <QueryBar
            value={draft.query}
            onApply={(query) => change({ query })}
            onErrorChange={setQueryError}
          />
          {errorOf('query') && (
            <Text size="sm" c="red" role="alert">
              {errorOf('query')}
            </Text>
          )}
          <MatchCount query={draft.query} />
        </Section>
        <Section
          title="Nodes"
          description="Concrete leaf ClientURIs and the value each device must report. A write that a device's meta-data forbids is not sent: the device is failed with the reason."
        >
          <NodeRows rows={draft.nodes} onChange={(nodes) => change({ nodes })} errorOf={errorOf} />
        </Section>
        <Section
          title="EXECs"
          description="Run once on each device, after its nodes are verified (optional)."
        >
          <ExecRows rows={draft.execs} onChange={(execs) => change({ execs })} errorOf={errorOf} />
        </Section>
        <Switch
          label="Enabled: the server enforces the profile at each session"
          checked={draft.enabled}
          onChange={(e) => change({ enabled: e.currentTarget.checked })}
        />
        {showErrors && !built.ok && (
          <Alert color="red" role="alert" data-testid="form-problems">
            {local.map((f) => f.text).join(' · ')}
          </Alert>
        )}
        <FormError error={error} labels={labels} />
        <Group justify="flex-end">
          <ActionButton type="submit" loading={isPending}>
            {submitLabel}
          </ActionButton>
        </Group>
      </Stack>
    </form>
  );
}
