import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CampaignRecord, CampaignVerb } from '@dmc/shared/api';
import { meQueryOptions } from '../../../lib/queries/auth';
import { useCampaignVerb } from '../api/campaign-mutations';
import { allowedVerbs, VERB_LABELS } from '../lib/campaign-verbs';
import { ActionButton } from '../../../components/ui/action-button';

const VERB_COLORS: Record<CampaignVerb, string> = {
  approve: 'teal',
  start: 'indigo',
  pause: 'orange',
  resume: 'indigo',
  cancel: 'red',
};

/**
 * The verbs the signed-in user's role and the campaign's state allow; cancel asks first. The
 * creator sees no Approve: a second admin must approve (the API refuses the creator anyway).
 */
export function CampaignVerbs({ campaign }: { campaign: CampaignRecord }) {
  const me = useQuery(meQueryOptions());
  const verb = useCampaignVerb(campaign.id);
  const [confirmCancel, setConfirmCancel] = useState(false);
  if (!me.data) return null;
  const verbs = allowedVerbs(campaign, me.data);
  const waitsForOther =
    campaign.state === 'awaiting-approval' &&
    me.data.username === campaign.createdBy &&
    me.data.role !== 'support';

  function run(next: CampaignVerb) {
    verb.mutate(next, {
      onSuccess: () => setConfirmCancel(false),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: `Could not ${next} the campaign`,
          message: error.message,
        }),
    });
  }

  return (
    <Group gap="xs" aria-label="Campaign actions" role="group">
      {waitsForOther && (
        <Text size="sm" c="dimmed">
          Another admin must approve it.
        </Text>
      )}
      {verbs.map((v) => (
        <ActionButton
          key={v}
          size="sm"
          variant={v === 'cancel' ? 'default' : 'filled'}
          color={VERB_COLORS[v]}
          loading={verb.isPending && verb.variables === v}
          onClick={() => (v === 'cancel' ? setConfirmCancel(true) : run(v))}
        >
          {VERB_LABELS[v]}
        </ActionButton>
      ))}
      <Modal
        opened={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title={`Cancel ${campaign.name}?`}
      >
        <Stack gap="sm">
          <Text size="sm">
            Devices that finished stay as they are; the queued commands and updates of the others are
            cancelled. A cancelled campaign cannot be resumed.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              Keep running
            </Button>
            <ActionButton color="red" loading={verb.isPending} onClick={() => run('cancel')}>
              Cancel campaign
            </ActionButton>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
