import { Checkbox, NativeSelect, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { STANDARD_MOIDS } from '@dmc/shared/protocol';
import { getArtifactsQueryOptions } from '../../../../lib/queries/artifacts';

type Props = {
  kind: 'firmware-update' | 'software-install';
  artifactId: string;
  consent: boolean;
  onChange: (patch: { artifactId?: string; consent?: boolean }) => void;
  error?: string | undefined;
};

const MOID_OF = { 'firmware-update': STANDARD_MOIDS.fumo, 'software-install': STANDARD_MOIDS.scomo };

/** Artifact picker (those meant for the other MO left out) and the consent page choice. */
export function ArtifactFields({ kind, artifactId, consent, onChange, error }: Props) {
  const artifacts = useQuery(getArtifactsQueryOptions());
  const fitting = (artifacts.data?.items ?? []).filter((a) => a.moid === null || a.moid === MOID_OF[kind]);
  return (
    <Stack gap="sm">
      <NativeSelect
        label="Artifact"
        value={artifactId}
        onChange={(e) => onChange({ artifactId: e.currentTarget.value })}
        error={error ?? artifacts.error?.message}
        description={
          artifacts.data && fitting.length === 0
            ? 'No fitting artifact yet: upload one on the Artifacts page.'
            : 'Devices whose model or hardware the artifact does not list are skipped.'
        }
        data={[
          { value: '', label: artifacts.isPending ? 'Loading…' : 'Choose an artifact' },
          ...fitting.map((a) => ({ value: a.id, label: `${a.name} ${a.version}` })),
        ]}
      />
      <Checkbox
        label="Ask the person on each device first (consent page)"
        checked={consent}
        onChange={(e) => onChange({ consent: e.currentTarget.checked })}
      />
    </Stack>
  );
}
