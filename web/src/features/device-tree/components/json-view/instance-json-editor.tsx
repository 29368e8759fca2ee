import { useMemo, useState } from 'react';
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Editor } from '@monaco-editor/react';
import type { TreeInstance } from '@dmc/shared/api';
import { findMetadata } from '@dmc/shared/metadata';
import { metadataToJsonSchema, type JsonSchema } from '@dmc/shared/validation';
import { jsonDefaults } from '../../../../lib/monaco/monaco-setup';
import { useAppStore } from '../../../../stores/app-store';
import { diffInstanceJson, instanceToMoData } from '../../lib/json-diff';
import { instanceLabel } from '../../lib/explorer-rows';
import { shortMoName } from '../../lib/tree-model';
import { useStagedChangesStore } from '../../stores/staged-changes-store';

type Marker = { message: string; startLineNumber: number };

// Every open model keeps its schema: the JSON language service takes the whole list at once.
const schemas = new Map<string, { uri: string; fileMatch: string[]; schema: JsonSchema }>();

function registerSchema(modelPath: string, schema: JsonSchema): void {
  schemas.set(modelPath, { uri: modelPath.replace('/tree-', '/schema-'), fileMatch: [modelPath], schema });
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas: [...schemas.values()],
  });
}

type InstanceJsonEditorProps = {
  devId: string;
  instance: TreeInstance;
  readOnly: boolean;
  onStaged: () => void;
};

/** One MO instance as JSON, validated against the schema derived from its meta-data (lazy-loaded). */
export function InstanceJsonEditor({ devId, instance, readOnly, onStaged }: InstanceJsonEditorProps) {
  const doc = findMetadata(instance.moid);
  const rootName = doc?.Root ?? shortMoName(instance.moid);
  const original = useMemo(
    () => JSON.stringify(instanceToMoData(instance, rootName), null, 2),
    [instance, rootName],
  );
  const [text, setText] = useState(original);
  const [markers, setMarkers] = useState<Marker[]>([]);
  const [error, setError] = useState<string>();
  const stage = useStagedChangesStore((s) => s.stage);
  const scheme = useAppStore((s) => s.colorScheme);
  // Plain characters only: the JSON service matches schemas to models by the URI's text.
  const slug = `${devId}-${instance.moid}-${instance.miid}`.replace(/[^A-Za-z0-9]+/g, '-');
  const modelPath = `inmemory://dmc/tree-${slug}.json`;

  const stageChanges = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setError(`The JSON does not parse: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const diff = diffInstanceJson(instance, rootName, parsed);
    if (!diff.ok) {
      setError(diff.error);
      return;
    }
    setError(undefined);
    diff.changes.forEach((c) => stage(devId, c));
    notifications.show({
      message:
        diff.changes.length === 0
          ? 'Nothing changed.'
          : `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'} staged from ${instanceLabel(instance)}.`,
    });
    if (diff.changes.length > 0) onStaged();
  };

  return (
    <Stack gap="sm">
      <div
        style={{ height: 460, border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
        data-testid="json-editor"
      >
        <Editor
          path={modelPath}
          language="json"
          value={text}
          theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
          loading={
            <Text size="sm" c="dimmed" p="md">
              Loading the editor…
            </Text>
          }
          beforeMount={() => {
            if (doc) registerSchema(modelPath, metadataToJsonSchema(doc));
          }}
          onChange={(value) => setText(value ?? '')}
          onValidate={(list) =>
            setMarkers(list.map((m) => ({ message: m.message, startLineNumber: m.startLineNumber })))
          }
          options={{
            readOnly,
            minimap: { enabled: false },
            fontSize: 13,
            scrollBeyondLastLine: false,
            tabSize: 2,
          }}
        />
      </div>
      {markers.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          title={`${markers.length} problem${markers.length === 1 ? '' : 's'} against the meta-data`}
          data-testid="json-problems"
        >
          <List size="xs" spacing={2}>
            {markers.slice(0, 6).map((m) => (
              <List.Item key={`${m.startLineNumber}:${m.message}`}>
                Line {m.startLineNumber}: {m.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {doc
            ? `Validated against the meta-data of ${doc.MOID}.`
            : 'No meta-data for this MO: not validated.'}
          {readOnly ? ' Read-only.' : ''}
        </Text>
        {!readOnly && (
          <Button onClick={stageChanges} disabled={text === original}>
            Stage changes
          </Button>
        )}
      </Group>
    </Stack>
  );
}
