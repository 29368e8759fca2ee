import {
  Alert,
  Anchor,
  Breadcrumbs,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CampaignPreview } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { QueryBar } from '../../devices/components/query-bar';
import { useCreateCampaign, usePreviewCampaign } from '../api/campaign-mutations';
import {
  buildCampaignInput,
  EMPTY_CAMPAIGN_DRAFT,
  type ActionDraft,
  type CampaignDraft,
  type CampaignField,
  type CampaignTarget,
} from '../lib/campaign-draft';
import { useCampaignHandoverStore } from '../stores/handover-store';
import { CampaignPreviewView } from './campaign-preview';
import { ArtifactFields } from './form/artifact-fields';
import { ViewTargetFields } from './form/view-target-fields';
import { CommandFields } from './form/command-fields';
import { RolloutFields } from './form/rollout-fields';
import { ActionButton } from '../../../components/ui/action-button';

type TargetKind = 'query' | 'view' | 'devices';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={3} fz="md" fw={600}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * New campaign (protocol §11): target, action, waves and safeguards, then the impact preview of
 * exactly these inputs, then create (as a draft, or started at once).
 */
export function NewCampaignPage() {
  const canOperate = useCanOperate();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const handedOver = useCampaignHandoverStore((s) => s.devIds);
  const hasSelection = searchParams.get('from') === 'selection' && handedOver.length > 0;
  const [targetKind, setTargetKind] = useState<TargetKind>(hasSelection ? 'devices' : 'query');
  const [query, setQuery] = useState(searchParams.get('query') ?? '');
  const [viewId, setViewId] = useState('');
  const [draft, setDraft] = useState<CampaignDraft>(EMPTY_CAMPAIGN_DRAFT);
  const [showErrors, setShowErrors] = useState(false);
  const [previewed, setPreviewed] = useState<{ key: string; preview: CampaignPreview } | null>(null);
  const preview = usePreviewCampaign();
  const create = useCreateCampaign();

  const isDevices = targetKind === 'devices' && hasSelection;
  const target: CampaignTarget = isDevices
    ? { devIds: [...handedOver] }
    : targetKind === 'view'
      ? { viewId }
      : { query };
  const built = buildCampaignInput({ ...draft, dynamic: !isDevices && draft.dynamic }, target, true);
  // The preview answers for one target and action; any other inputs need a new one.
  const previewKey = built.ok ? JSON.stringify({ target, action: built.value.action }) : '';
  const current = previewed?.key === previewKey ? previewed.preview : null;
  const errorOf = (field: CampaignField) =>
    showErrors && !built.ok && built.field === field ? built.message : undefined;
  const change = (patch: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const changeAction = (patch: Partial<ActionDraft>) => change({ action: { ...draft.action, ...patch } });

  if (!canOperate) {
    return <Alert color="gray">Operators and admins create campaigns; your role can follow them.</Alert>;
  }

  function runPreview() {
    setShowErrors(true);
    if (!built.ok) return;
    const key = previewKey;
    preview.mutate(
      { ...target, action: built.value.action },
      { onSuccess: (result) => setPreviewed({ key, preview: result }) },
    );
  }

  function submit(start: boolean) {
    if (!built.ok) return;
    create.mutate(
      { ...built.value, start },
      {
        onSuccess: (created) => {
          notifications.show({
            color: 'teal',
            title: 'Campaign created',
            message: `${draft.name}: ${created.state}`,
          });
          void navigate(`/campaigns/${encodeURIComponent(created.id)}`);
        },
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'Could not create the campaign',
            message: error.message,
          }),
      },
    );
  }

  const { action } = draft;
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/campaigns" size="sm">
          Campaigns
        </Anchor>
        <Text size="sm" c="dimmed">
          New campaign
        </Text>
      </Breadcrumbs>
      <TextInput
        label="Name"
        placeholder="Firmware 2.1 for Sim-1"
        maw={480}
        value={draft.name}
        onChange={(e) => change({ name: e.currentTarget.value })}
        error={errorOf('name')}
      />
      <Section title="Target">
        <SegmentedControl
          aria-label="Target"
          w="fit-content"
          value={isDevices ? 'devices' : targetKind}
          onChange={(v) => setTargetKind(v === 'devices' || v === 'view' ? v : 'query')}
          data={[
            ...(hasSelection ? [{ value: 'devices', label: `${handedOver.length} selected devices` }] : []),
            { value: 'query', label: 'Fleet query' },
            { value: 'view', label: 'Saved view' },
          ]}
        />
        {isDevices ? (
          <Text size="sm">The {handedOver.length} devices selected on the Devices page.</Text>
        ) : targetKind === 'view' ? (
          <ViewTargetFields viewId={viewId} onChange={setViewId} error={errorOf('viewId')} />
        ) : (
          <>
            <QueryBar value={query} onApply={setQuery} />
            <Text size="xs" c="dimmed" data-testid="applied-query">
              {query === '' ? 'Applies to every device. ' : `Applies to: ${query}. `}
              Press Enter or Apply to use what you typed.
            </Text>
          </>
        )}
      </Section>
      <Section title="Action">
        <SegmentedControl
          aria-label="Action"
          w="fit-content"
          value={action.kind}
          onChange={(v) =>
            changeAction({
              kind: v === 'firmware-update' || v === 'software-install' ? v : 'command',
              artifactId: '',
            })
          }
          data={[
            { value: 'command', label: 'Command' },
            { value: 'firmware-update', label: 'Firmware update' },
            { value: 'software-install', label: 'Software install' },
          ]}
        />
        {action.kind === 'command' ? (
          <CommandFields
            draft={action.command}
            onChange={(patch) => changeAction({ command: { ...action.command, ...patch } })}
            showErrors={showErrors}
          />
        ) : (
          <ArtifactFields
            kind={action.kind}
            artifactId={action.artifactId}
            consent={action.consent}
            onChange={changeAction}
            error={errorOf('artifactId')}
          />
        )}
      </Section>
      <Section title="Rollout">
        <RolloutFields draft={draft} onChange={change} errorOf={errorOf} canBeDynamic={!isDevices} />
      </Section>
      <Section title="Preview">
        <Text size="sm" c="dimmed">
          Nothing changes on the devices: the server counts which would run, which already comply, which are
          incompatible and which would fail, and why.
        </Text>
        {preview.error && <ErrorState error={preview.error} title="Could not preview" />}
        {current && <CampaignPreviewView preview={current} />}
        <Group justify="flex-end" gap="xs">
          <ActionButton
            variant={current ? 'default' : 'filled'}
            onClick={runPreview}
            loading={preview.isPending}
          >
            {current ? 'Preview again' : 'Preview'}
          </ActionButton>
          <ActionButton
            variant="default"
            disabled={!current}
            loading={create.isPending}
            onClick={() => submit(false)}
          >
            Create draft
          </ActionButton>
          <ActionButton disabled={!current} loading={create.isPending} onClick={() => submit(true)}>
            {draft.approval ? 'Create and ask for approval' : 'Create and start'}
          </ActionButton>
        </Group>
      </Section>
    </Stack>
  );
}
