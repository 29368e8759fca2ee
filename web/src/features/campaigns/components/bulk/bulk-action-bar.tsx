import { Button, Group, Modal, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { BellRing, Layers, PackageCheck, Tags, Terminal, X } from 'lucide-react';
import { useState, type ComponentType } from 'react';
import { useNavigate } from 'react-router';
import type { CampaignAction } from '@dmc/shared/api';
import { useBulkAction } from '../../api/campaign-mutations';
import { bulkInput, type BulkTarget } from '../../lib/bulk';
import { useCampaignHandoverStore } from '../../stores/handover-store';
import {
  BulkCommandForm,
  BulkFirmwareForm,
  BulkLabelsForm,
  BulkWakeForm,
  type BulkFormProps,
} from './bulk-action-forms';

const COUNT = new Intl.NumberFormat();

type BulkKind = 'command' | 'firmware' | 'wake' | 'labels';

const FORMS: Record<
  BulkKind,
  { title: string; label: string; icon: typeof Terminal; Form: ComponentType<BulkFormProps> }
> = {
  command: { title: 'Queue a command', label: 'Queue command', icon: Terminal, Form: BulkCommandForm },
  firmware: {
    title: 'Start a firmware update',
    label: 'Firmware update',
    icon: PackageCheck,
    Form: BulkFirmwareForm,
  },
  wake: { title: 'Wake now', label: 'Wake now', icon: BellRing, Form: BulkWakeForm },
  labels: { title: 'Add or remove labels', label: 'Labels', icon: Tags, Form: BulkLabelsForm },
};

type Props = {
  target: BulkTarget;
  /** How many devices the target holds (the list's total when it is every match). */
  count: number;
  /** Offered when the loaded rows are all selected but the query matches more. */
  onSelectAllMatching?: (() => void) | undefined;
  /** Why "select all" is not offered, when it is not. */
  selectAllHint?: string | undefined;
  onClear: () => void;
};

/**
 * The Devices page's bulk work: one action on the selected devices (or every device the query
 * matches) at once, followed as a one-wave campaign the console opens next.
 */
export function BulkActionBar({ target, count, onSelectAllMatching, selectAllHint, onClear }: Props) {
  const [open, setOpen] = useState<BulkKind | null>(null);
  const bulk = useBulkAction();
  const navigate = useNavigate();
  const handOver = useCampaignHandoverStore((s) => s.handOver);
  const isQuery = 'query' in target;
  const what = isQuery
    ? `all ${COUNT.format(count)} matching devices`
    : `${COUNT.format(count)} ${count === 1 ? 'device' : 'devices'}`;

  function submit(action: CampaignAction) {
    bulk.mutate(bulkInput(target, action), {
      onSuccess: (created) => {
        setOpen(null);
        onClear();
        notifications.show({ color: 'teal', title: 'Bulk work started', message: `On ${what}.` });
        void navigate(`/campaigns/${encodeURIComponent(created.id)}`);
      },
      onError: (error) =>
        notifications.show({ color: 'red', title: 'Could not start', message: error.message }),
    });
  }

  function newCampaign() {
    if ('devIds' in target) {
      handOver(target.devIds);
      void navigate('/campaigns/new?from=selection');
    } else {
      void navigate(`/campaigns/new?query=${encodeURIComponent(target.query)}`);
    }
  }

  const form = open ? FORMS[open] : null;
  return (
    <Paper withBorder radius="md" p="xs" mb="sm" role="toolbar" aria-label="Bulk actions">
      <Group justify="space-between" gap="sm">
        <Group gap="sm">
          <Text size="sm" fw={500} data-testid="bulk-count">
            {isQuery ? `All ${COUNT.format(count)} devices that match the query` : `${what} selected`}
          </Text>
          {onSelectAllMatching && (
            <Button variant="subtle" size="xs" onClick={onSelectAllMatching}>
              Select all {COUNT.format(count)} that match the query
            </Button>
          )}
          {selectAllHint && (
            <Text size="xs" c="dimmed">
              {selectAllHint}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          {(Object.keys(FORMS) as BulkKind[]).map((kind) => {
            const Icon = FORMS[kind].icon;
            return (
              <Button
                key={kind}
                size="xs"
                variant="light"
                leftSection={<Icon size={14} aria-hidden />}
                onClick={() => setOpen(kind)}
              >
                {FORMS[kind].label}
              </Button>
            );
          })}
          <Button
            size="xs"
            variant="default"
            leftSection={<Layers size={14} aria-hidden />}
            onClick={newCampaign}
          >
            New campaign…
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<X size={14} aria-hidden />}
            onClick={onClear}
          >
            Clear selection
          </Button>
        </Group>
      </Group>
      <Modal opened={form !== null} onClose={() => setOpen(null)} title={form?.title} size="lg">
        {form && (
          <form.Form what={what} pending={bulk.isPending} onSubmit={submit} onCancel={() => setOpen(null)} />
        )}
      </Modal>
    </Paper>
  );
}
