import { Alert, Anchor, Breadcrumbs, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../components/ui/error-state';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { profileQueryOptions } from '../../../lib/queries/profiles';
import { useCreateProfile, useUpdateProfile } from '../api/profile-mutations';
import { changesOf, draftOf, EMPTY_PROFILE_DRAFT } from '../lib/profile-draft';
import { profilePath } from '../lib/profile-labels';
import { ProfileForm } from './profile-form';

const READ_ONLY = 'Operators and admins create and change profiles; your role can follow them.';

/** New profile: the form, then the profile's page. */
export function NewProfilePage() {
  const canOperate = useCanOperate();
  const navigate = useNavigate();
  const create = useCreateProfile();
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/profiles" size="sm">
          Profiles
        </Anchor>
        <Text size="sm" c="dimmed">
          New profile
        </Text>
      </Breadcrumbs>
      <Title order={2} fz="h3" fw={600}>
        New profile
      </Title>
      {canOperate ? (
        <ProfileForm
          initial={EMPTY_PROFILE_DRAFT}
          submitLabel="Create profile"
          error={create.error}
          isPending={create.isPending}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: (profile) => {
                notifications.show({ color: 'teal', title: 'Profile created', message: profile.name });
                void navigate(profilePath(profile.id));
              },
            })
          }
        />
      ) : (
        <Alert color="gray">{READ_ONLY}</Alert>
      )}
    </Stack>
  );
}

/** Edit a profile: the form holds its fields; only what changed is sent. */
export function EditProfilePage() {
  const id = useParams().id ?? '';
  const canOperate = useCanOperate();
  const navigate = useNavigate();
  const { data: profile, error, isPending } = useQuery(profileQueryOptions(id));
  const update = useUpdateProfile(id);
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/profiles" size="sm">
          Profiles
        </Anchor>
        <Anchor component={Link} to={profilePath(id)} size="sm">
          {profile?.name ?? id}
        </Anchor>
        <Text size="sm" c="dimmed">
          Edit
        </Text>
      </Breadcrumbs>
      <Title order={2} fz="h3" fw={600}>
        Edit profile
      </Title>
      {!canOperate ? (
        <Alert color="gray">{READ_ONLY}</Alert>
      ) : isPending ? (
        <Skeleton height={320} radius="md" />
      ) : error ? (
        <ErrorState
          error={error}
          title={error.status === 404 ? 'No such profile' : 'Could not load the profile'}
        />
      ) : (
        <ProfileForm
          key={profile.id}
          initial={draftOf(profile)}
          submitLabel="Save changes"
          error={update.error}
          isPending={update.isPending}
          onSubmit={(input) => {
            const changes = changesOf(profile, input);
            if (Object.keys(changes).length === 0) {
              void navigate(profilePath(id));
              return;
            }
            update.mutate(changes, {
              onSuccess: (saved) => {
                notifications.show({ color: 'teal', title: 'Profile saved', message: saved.name });
                void navigate(profilePath(id));
              },
            });
          }}
        />
      )}
    </Stack>
  );
}
