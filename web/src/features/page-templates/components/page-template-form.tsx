import { Button, Group, NativeSelect, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { createPageTemplateInputSchema, PAGE_KINDS, type PageKind } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { useCreatePageTemplate } from '../api/create-page-template';
import { fieldErrorsOf } from '../../../lib/field-errors';

const KIND_LABELS: Record<PageKind, string> = {
  consent: 'Consent (accept / decline)',
  postpone: 'Postpone (now or later)',
  form: 'Form',
  info: 'Information',
};

/** The form's labels, so a problem names the field the person sees. */
const FIELD_LABELS = {
  name: 'Template name',
  kind: 'Page kind',
  title: 'Page title',
  text: 'Page text',
  schema: 'Form fields (JSON Schema)',
};

function parseSchema(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A named, reusable page for SHOW; checked with the shared contract before it is sent. */
export function PageTemplateForm() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PageKind>('consent');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [schema, setSchema] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreatePageTemplate();

  function submit() {
    const parsed = createPageTemplateInputSchema.safeParse({
      name,
      kind,
      title,
      text,
      ...(kind === 'form' ? { schema: parseSchema(schema) } : {}),
    });
    if (!parsed.success) {
      setProblem(fieldErrorsOf(parsed.error, FIELD_LABELS)[0]?.text ?? 'The page is not valid.');
      return;
    }
    setProblem(null);
    create.mutate(parsed.data, {
      onSuccess: (t) => {
        notifications.show({ color: 'teal', title: 'Page template stored', message: t.name });
        setName('');
        setTitle('');
        setText('');
        setSchema('');
      },
    });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="New page template">
      <Stack gap="sm">
        <Title order={3} fz="md" fw={600}>
          New page template
        </Title>
        <Group grow align="flex-start">
          <TextInput label="Template name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect
            label="Page kind"
            value={kind}
            onChange={(e) => setKind(PAGE_KINDS.find((k) => k === e.currentTarget.value) ?? 'consent')}
            data={PAGE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
          <TextInput label="Page title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        </Group>
        <Textarea
          label="Page text"
          autosize
          minRows={2}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {kind === 'form' && (
          <Textarea
            label="Form fields (JSON Schema)"
            autosize
            minRows={4}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            placeholder='{"type": "object", "properties": {"room": {"type": "string", "title": "Room"}}, "required": ["room"]}'
            value={schema}
            onChange={(e) => setSchema(e.currentTarget.value)}
          />
        )}
        {problem && <ErrorState error={new Error(problem)} title="Check the page" />}
        {create.error && <ErrorState error={create.error} title="Could not store the template" />}
        <Group justify="flex-end">
          <Button onClick={submit} loading={create.isPending}>
            Store template
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
