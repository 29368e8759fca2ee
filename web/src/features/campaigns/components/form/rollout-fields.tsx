import { Checkbox, Group, SegmentedControl, Stack, TextInput } from '@mantine/core';
import type { CampaignDraft, CampaignField, GateDraft, WaveDraft } from '../../lib/campaign-draft';

type Props = {
  draft: CampaignDraft;
  onChange: (patch: Partial<CampaignDraft>) => void;
  errorOf: (field: CampaignField) => string | undefined;
  /** Only a fleet query can match devices later. */
  canBeDynamic: boolean;
};

/** Waves (canary, then fixed sizes or cumulative shares), the error threshold and the health gate. */
export function RolloutFields({ draft, onChange, errorOf, canBeDynamic }: Props) {
  const waves = (patch: Partial<WaveDraft>) => onChange({ waves: { ...draft.waves, ...patch } });
  const gate = (patch: Partial<GateDraft>) => onChange({ gate: { ...draft.gate, ...patch } });
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Wave plan"
        w="fit-content"
        value={draft.waves.mode}
        onChange={(v) => waves({ mode: v === 'percentages' ? 'percentages' : 'size' })}
        data={[
          { value: 'size', label: 'Fixed size' },
          { value: 'percentages', label: 'Cumulative percentages' },
        ]}
      />
      <Group align="flex-start" gap="sm">
        <TextInput
          label="Canary devices"
          description="Run first, alone"
          inputMode="numeric"
          w={160}
          value={draft.waves.canary}
          onChange={(e) => waves({ canary: e.currentTarget.value })}
          error={errorOf('canary')}
        />
        {draft.waves.mode === 'size' ? (
          <TextInput
            label="Wave size"
            description="Devices per wave after the canary"
            inputMode="numeric"
            w={220}
            value={draft.waves.size}
            onChange={(e) => waves({ size: e.currentTarget.value })}
            error={errorOf('size')}
          />
        ) : (
          <TextInput
            label="Percentages"
            description="Cumulative shares of the matched devices; the last is 100"
            placeholder="10, 40, 100"
            w={320}
            value={draft.waves.percentages}
            onChange={(e) => waves({ percentages: e.currentTarget.value })}
            error={errorOf('percentages')}
          />
        )}
        <TextInput
          label="Error threshold (%)"
          description="Pause before the next wave above it"
          inputMode="decimal"
          w={240}
          value={draft.errorThresholdPct}
          onChange={(e) => onChange({ errorThresholdPct: e.currentTarget.value })}
          error={errorOf('errorThresholdPct')}
        />
      </Group>
      <Checkbox
        label="Health gate: promote a wave only when its devices' alerts do not rise"
        checked={draft.gate.enabled}
        onChange={(e) => gate({ enabled: e.currentTarget.checked })}
      />
      {draft.gate.enabled && (
        <Group align="flex-start" gap="sm" pl="xl">
          <TextInput
            label="Window (seconds)"
            inputMode="numeric"
            w={160}
            value={draft.gate.windowS}
            onChange={(e) => gate({ windowS: e.currentTarget.value })}
            error={errorOf('windowS')}
          />
          <TextInput
            label="Max alert ratio"
            description="Alerts after ÷ alerts before"
            inputMode="decimal"
            w={200}
            value={draft.gate.maxAlertRatio}
            onChange={(e) => gate({ maxAlertRatio: e.currentTarget.value })}
            error={errorOf('maxAlertRatio')}
          />
          <TextInput
            label="Alerts allowed with none before"
            inputMode="numeric"
            w={220}
            value={draft.gate.minAlerts}
            onChange={(e) => gate({ minAlerts: e.currentTarget.value })}
            error={errorOf('minAlerts')}
          />
        </Group>
      )}
      <Checkbox
        label="Needs a second admin's approval before it runs"
        checked={draft.approval}
        onChange={(e) => onChange({ approval: e.currentTarget.checked })}
      />
      {canBeDynamic && (
        <Checkbox
          label="Dynamic: devices that match the query later join the last wave"
          checked={draft.dynamic}
          onChange={(e) => onChange({ dynamic: e.currentTarget.checked })}
        />
      )}
    </Stack>
  );
}
