import { FileInput, Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Upload } from 'lucide-react';
import { useState } from 'react';
import { STANDARD_MOIDS } from '@dmc/shared/protocol';
import { ErrorState } from '../../../components/ui/error-state';
import { useUploadArtifact } from '../api/upload-artifact';
import { EMPTY_COMPATIBILITY_TEXT, parseCompatibility, type CompatibilityText } from '../lib/compatibility';
import { ActionButton } from '../../../components/ui/action-button';

const FITS_FIELDS = [
  { field: 'Man', label: 'Fits manufacturers', placeholder: 'Acme' },
  { field: 'Mod', label: 'Fits models', placeholder: 'Sim-1, Sim-2' },
  { field: 'HwV', label: 'Fits hardware versions', placeholder: 'A, B' },
] as const;

const MOID_CHOICES = [
  { value: STANDARD_MOIDS.fumo, label: 'Firmware (FUMO)' },
  { value: STANDARD_MOIDS.scomo, label: 'Software (SCOMO)' },
  { value: '', label: 'Any' },
];

/** A package file with its name, version and the MO it is meant for; uploaded as raw bytes. */
export function ArtifactUploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [moid, setMoid] = useState<string>(STANDARD_MOIDS.fumo);
  const [fits, setFits] = useState<CompatibilityText>(EMPTY_COMPATIBILITY_TEXT);
  const upload = useUploadArtifact();

  function submit() {
    if (!file) return;
    const compatible = parseCompatibility(fits);
    upload.mutate(
      {
        file,
        name: name.trim(),
        version: version.trim(),
        ...(moid ? { moid } : {}),
        ...(compatible ? { compatible } : {}),
      },
      {
        onSuccess: (artifact) => {
          notifications.show({
            color: 'teal',
            title: 'Artifact uploaded',
            message: `${artifact.name} ${artifact.version}`,
          });
          setFile(null);
          setName('');
          setVersion('');
          setFits(EMPTY_COMPATIBILITY_TEXT);
        },
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Upload an artifact">
      <Stack gap="sm">
        <Title order={3} fz="md" fw={600}>
          Upload
        </Title>
        <Group grow align="flex-start">
          <FileInput
            label="Package file"
            placeholder="Choose a file"
            value={file}
            onChange={(f) => {
              setFile(f);
              if (f && !name) setName(f.name.replace(/\.[^.]+$/, ''));
            }}
            clearable
          />
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label="Version" value={version} onChange={(e) => setVersion(e.currentTarget.value)} />
          <NativeSelect
            label="For"
            value={moid}
            onChange={(e) => setMoid(e.currentTarget.value)}
            data={MOID_CHOICES}
          />
        </Group>
        <Group grow align="flex-start">
          {FITS_FIELDS.map(({ field, label, placeholder }) => (
            <TextInput
              key={field}
              label={label}
              description={`DevInfo/${field} values, comma-separated; empty fits any`}
              placeholder={placeholder}
              value={fits[field]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setFits((f) => ({ ...f, [field]: value }));
              }}
            />
          ))}
        </Group>
        {upload.error && <ErrorState error={upload.error} title="Upload refused" />}
        <Group justify="flex-end">
          <ActionButton
            leftSection={<Upload size={16} aria-hidden />}
            onClick={submit}
            disabled={!file || !name.trim() || !version.trim()}
            loading={upload.isPending}
          >
            Upload artifact
          </ActionButton>
        </Group>
      </Stack>
    </Paper>
  );
}
