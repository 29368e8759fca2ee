import { NativeSelect, SegmentedControl, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PAGE_KINDS, type PageKind } from '@dmc/shared/api';
import { getPageTemplatesQueryOptions } from '../../../../lib/queries/page-templates';
import type { ComposerDraft } from '../../lib/composer-draft';
import type { DraftField } from '../../lib/build-queue-input';

export type FieldsProps = {
  draft: ComposerDraft;
  onChange: (patch: Partial<ComposerDraft>) => void;
  errorOf: (field: DraftField) => string | undefined;
};

const JSON_STYLE = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** HGET write: the addressed node's new value, or MO data as JSON (protocol §4: writes go through the DR). */
export function WriteFields({ draft, onChange, errorOf }: FieldsProps) {
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Write as"
        size="xs"
        value={draft.writeMode}
        onChange={(v) => onChange({ writeMode: v === 'json' ? 'json' : 'value' })}
        data={[
          { value: 'value', label: 'New value' },
          { value: 'json', label: 'MO data (JSON)' },
        ]}
        w="fit-content"
      />
      {draft.writeMode === 'value' ? (
        <TextInput
          label="New value"
          description="Written to the node the ClientURI names."
          value={draft.value}
          onChange={(e) => onChange({ value: e.currentTarget.value })}
          error={errorOf('value')}
        />
      ) : (
        <Textarea
          label="MO data (JSON)"
          description='Keyed by the addressed node, e.g. {"PkgName": "fw-2.0"}'
          autosize
          minRows={3}
          styles={JSON_STYLE}
          value={draft.json}
          onChange={(e) => onChange({ json: e.currentTarget.value })}
          error={errorOf('json')}
        />
      )}
    </Stack>
  );
}

/** DEFAULT: the MOID and the data the device keeps as that MO's default. */
export function DefaultFields({ draft, onChange, errorOf, moids }: FieldsProps & { moids: string[] }) {
  return (
    <Stack gap="xs">
      <TextInput
        label="MOID"
        placeholder={moids[0] ?? 'urn:oma:mo:…'}
        value={draft.moid}
        onChange={(e) => onChange({ moid: e.currentTarget.value })}
        error={errorOf('moid')}
      />
      <Textarea
        label="MO data (JSON)"
        autosize
        minRows={3}
        styles={JSON_STYLE}
        value={draft.json}
        onChange={(e) => onChange({ json: e.currentTarget.value })}
        error={errorOf('json')}
      />
    </Stack>
  );
}

/** HPUT / HPOST / SUB: where the device sends its data; empty = the server's own inbox. */
export function ServerUriField({ draft, onChange, errorOf }: FieldsProps) {
  return (
    <TextInput
      label="ServerURI"
      description="Leave empty: the server opens an inbox whose uploads update the stored tree."
      placeholder="server inbox"
      value={draft.serverUri}
      onChange={(e) => onChange({ serverUri: e.currentTarget.value })}
      error={errorOf('serverUri')}
    />
  );
}

const KIND_LABELS: Record<PageKind, string> = {
  consent: 'Consent (accept / decline)',
  postpone: 'Postpone (now or later)',
  form: 'Form',
  info: 'Information',
};

/** SHOW: a page to compose here, or a stored template (protocol §8, "User interaction"). */
export function ShowFields({ draft, onChange, errorOf }: FieldsProps) {
  const templates = useQuery(getPageTemplatesQueryOptions());
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Page source"
        size="xs"
        w="fit-content"
        value={draft.pageSource}
        onChange={(v) => onChange({ pageSource: v === 'template' ? 'template' : 'page' })}
        data={[
          { value: 'page', label: 'New page' },
          { value: 'template', label: 'Stored template' },
        ]}
      />
      {draft.pageSource === 'template' ? (
        <NativeSelect
          label="Page template"
          value={draft.templateId}
          onChange={(e) => onChange({ templateId: e.currentTarget.value })}
          error={errorOf('templateId') ?? templates.error?.message}
          data={[
            { value: '', label: templates.isPending ? 'Loading…' : 'Choose a template' },
            ...(templates.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.kind})` })),
          ]}
        />
      ) : (
        <>
          <NativeSelect
            label="Page kind"
            value={draft.pageKind}
            onChange={(e) => {
              const kind = PAGE_KINDS.find((k) => k === e.currentTarget.value);
              if (kind) onChange({ pageKind: kind });
            }}
            data={PAGE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
          <TextInput
            label="Page title"
            value={draft.pageTitle}
            onChange={(e) => onChange({ pageTitle: e.currentTarget.value })}
            error={errorOf('pageTitle')}
          />
          <Textarea
            label="Page text"
            autosize
            minRows={2}
            value={draft.pageText}
            onChange={(e) => onChange({ pageText: e.currentTarget.value })}
            error={errorOf('pageText')}
          />
          {draft.pageKind === 'form' && (
            <Textarea
              label="Form fields (JSON Schema)"
              description='{"type": "object", "properties": {"room": {"type": "string"}}}'
              autosize
              minRows={3}
              styles={JSON_STYLE}
              value={draft.pageSchema}
              onChange={(e) => onChange({ pageSchema: e.currentTarget.value })}
              error={errorOf('pageSchema')}
            />
          )}
        </>
      )}
    </Stack>
  );
}
