import {
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { checkCompatibility } from '@dmc/shared/firmware';
import { STANDARD_MOIDS } from '@dmc/shared/protocol';
import { getArtifactsQueryOptions } from '../../../lib/queries/artifacts';
import { deviceQueryOptions } from '../../../lib/queries/devices';
import { useStartOperation, type OperationKind } from '../api/start-operation';
import { ActionButton } from '../../../components/ui/action-button';

const MOID_OF: Record<OperationKind, string> = {
  'firmware-update': STANDARD_MOIDS.fumo,
  'software-install': STANDARD_MOIDS.scomo,
};

/** Artifact picker, optional consent page (consent / postpone) and start. */
export function StartOperationForm({ devId }: { devId: string }) {
  const [kind, setKind] = useState<OperationKind>('firmware-update');
  const [artifactId, setArtifactId] = useState('');
  const [askConsent, setAskConsent] = useState(false);
  const [consentKind, setConsentKind] = useState<'consent' | 'postpone'>('consent');
  const [consentText, setConsentText] = useState('');
  const artifacts = useQuery(getArtifactsQueryOptions());
  const device = useQuery(deviceQueryOptions(devId));
  const start = useStartOperation(devId);

  // Artifacts meant for another MO are left out; those without a MOID fit both.
  const fitting = (artifacts.data?.items ?? []).filter((a) => a.moid === null || a.moid === MOID_OF[kind]);
  const chosen = fitting.find((a) => a.id === artifactId);
  // Why an artifact does not fit this device's DevInfo (protocol §11); the server refuses it (409).
  const misfit = (compatible: (typeof fitting)[number]['compatible']): string | undefined => {
    const info = device.data?.devInfo;
    if (!info) return undefined;
    const verdict = checkCompatibility({ Man: info.Man, Mod: info.Mod, HwV: info.HwV }, compatible);
    return verdict.compatible ? undefined : verdict.reason;
  };

  function submit() {
    if (!chosen) return;
    start.mutate(
      {
        kind,
        artifactId: chosen.id,
        ...(askConsent
          ? { consent: { kind: consentKind, ...(consentText.trim() ? { text: consentText.trim() } : {}) } }
          : {}),
      },
      {
        onSuccess: (op) =>
          notifications.show({
            color: 'teal',
            title: kind === 'firmware-update' ? 'Firmware update started' : 'Software install started',
            message: `${chosen.name} ${chosen.version}: ${op.state}`,
          }),
        onError: (error) =>
          notifications.show({ color: 'red', title: 'Could not start', message: error.message }),
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Start an update">
      <Stack gap="sm">
        <Title order={3} fz="md" fw={600}>
          Update this device
        </Title>
        <SegmentedControl
          aria-label="Operation"
          w="fit-content"
          value={kind}
          onChange={(v) => {
            setKind(v === 'software-install' ? 'software-install' : 'firmware-update');
            setArtifactId('');
          }}
          data={[
            { value: 'firmware-update', label: 'Firmware update' },
            { value: 'software-install', label: 'Software install' },
          ]}
        />
        <NativeSelect
          label="Artifact"
          value={artifactId}
          onChange={(e) => setArtifactId(e.currentTarget.value)}
          error={artifacts.error?.message}
          description={
            artifacts.data && fitting.length === 0
              ? 'No fitting artifact yet: upload one on the Artifacts page.'
              : undefined
          }
          data={[
            { value: '', label: artifacts.isPending ? 'Loading…' : 'Choose an artifact' },
            ...fitting.map((a) => {
              const reason = misfit(a.compatible);
              const label = `${a.name} ${a.version} (${a.size} bytes)`;
              return reason === undefined
                ? { value: a.id, label }
                : { value: a.id, label: `${label}: does not fit, ${reason}`, disabled: true };
            }),
          ]}
        />
        <Checkbox
          label="Ask the person on the device first"
          checked={askConsent}
          onChange={(e) => setAskConsent(e.currentTarget.checked)}
        />
        {askConsent && (
          <Group align="flex-end" gap="sm" grow>
            <NativeSelect
              label="Question"
              value={consentKind}
              onChange={(e) => setConsentKind(e.currentTarget.value === 'postpone' ? 'postpone' : 'consent')}
              data={[
                { value: 'consent', label: 'Consent: install or decline' },
                { value: 'postpone', label: 'Postpone: now or later' },
              ]}
            />
            <TextInput
              label="Text shown (optional)"
              value={consentText}
              onChange={(e) => setConsentText(e.currentTarget.value)}
            />
          </Group>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {kind === 'firmware-update'
              ? 'FUMO DownloadAndUpdate: the device downloads the package and reports the result.'
              : 'SCOMO DownloadInstall: the device downloads and installs the package.'}
          </Text>
          <ActionButton onClick={submit} disabled={!chosen} loading={start.isPending}>
            {kind === 'firmware-update' ? 'Start firmware update' : 'Start software install'}
          </ActionButton>
        </Group>
      </Stack>
    </Paper>
  );
}
