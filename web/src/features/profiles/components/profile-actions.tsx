import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Layers, Pencil, Power, PowerOff, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Profile } from '@dmc/shared/api';
import { ActionButton } from '../../../components/ui/action-button';
import { ErrorState } from '../../../components/ui/error-state';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { useDeleteProfile, useUpdateProfile } from '../api/profile-mutations';
import { campaignFromFailedUrl, profilePath } from '../lib/profile-labels';

const COUNT = new Intl.NumberFormat();

function DeleteProfileModal({
  profile,
  opened,
  onClose,
}: {
  profile: Profile;
  opened: boolean;
  onClose: () => void;
}) {
  const remove = useDeleteProfile(profile.id);
  const navigate = useNavigate();
  const devices = Object.values(profile.counts).reduce((a, b) => a + b, 0);
  return (
    <Modal opened={opened} onClose={onClose} title={`Delete ${profile.name}?`}>
      <Stack gap="sm">
        <Text size="sm">
          The server stops holding its {profile.nodes.length} node(s) on {COUNT.format(devices)} device(s) and
          forgets their states in it. Values already written stay on the devices.
        </Text>
        {remove.error && <ErrorState error={remove.error} title="Could not delete the profile" />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <ActionButton
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  notifications.show({ color: 'teal', title: 'Profile deleted', message: profile.name });
                  void navigate('/profiles');
                },
              })
            }
          >
            Delete profile
          </ActionButton>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * What may be done to a profile: enable or disable it, edit, delete (confirmed), and start a
 * campaign from its failed devices. Read-only roles get none of the controls that change things.
 */
export function ProfileActions({ profile }: { profile: Profile }) {
  const canOperate = useCanOperate();
  const update = useUpdateProfile(profile.id);
  const [deleting, setDeleting] = useState(false);
  if (!canOperate) return null;
  return (
    <Group gap="xs" data-testid="profile-actions">
      <Button
        component={Link}
        to={campaignFromFailedUrl(profile.name)}
        variant="default"
        leftSection={<Layers size={16} aria-hidden />}
        disabled={profile.counts.failed === 0}
        title={profile.counts.failed === 0 ? 'No device is failed' : undefined}
      >
        Start campaign from failed devices
      </Button>
      <ActionButton
        variant="default"
        loading={update.isPending}
        leftSection={profile.enabled ? <PowerOff size={16} aria-hidden /> : <Power size={16} aria-hidden />}
        onClick={() =>
          update.mutate(
            { enabled: !profile.enabled },
            {
              onError: (error) =>
                notifications.show({
                  color: 'red',
                  title: 'Could not change the profile',
                  message: error.message,
                }),
            },
          )
        }
      >
        {profile.enabled ? 'Disable' : 'Enable'}
      </ActionButton>
      <Button
        component={Link}
        to={`${profilePath(profile.id)}/edit`}
        variant="default"
        leftSection={<Pencil size={16} aria-hidden />}
      >
        Edit
      </Button>
      <ActionButton
        color="red"
        variant="light"
        leftSection={<Trash2 size={16} aria-hidden />}
        onClick={() => setDeleting(true)}
      >
        Delete
      </ActionButton>
      <DeleteProfileModal profile={profile} opened={deleting} onClose={() => setDeleting(false)} />
    </Group>
  );
}
