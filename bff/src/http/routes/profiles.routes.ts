// Configuration profiles (protocol §14): operators and admins create, change and remove them
// (`profiles:write`, audited like every write); every role reads them, their status pages and a
// device's profiles.
import { API_BASE, profileStatusQuerySchema } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

const profiles = `${API_BASE}/profiles` as const;
const profile = `${API_BASE}/profiles/:id` as const;

export const profileOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: profiles,
    operationId: 'listProfiles',
    summary: 'Every configuration profile with its device counts and conflicts, by priority then name',
    tag: 'profiles',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The profiles.', schema: 'ProfileList' },
    errors: [],
    handle: (_input, { profiles }) => profiles.list(),
  }),
  defineOperation({
    method: 'post',
    path: profiles,
    operationId: 'createProfile',
    summary: 'Create a profile: node values every device its query matches must hold (at most 200)',
    tag: 'profiles',
    access: { kind: 'action', action: 'profiles:write' },
    body: 'CreateProfileInput',
    success: {
      status: 201,
      description: 'Created; its membership is swept at once.',
      schema: 'Profile',
      location: (body) => `${API_BASE}/profiles/${encodeURIComponent(body.id)}`,
    },
    errors: [400, 409],
    handle: ({ body, user }, { profiles }) => profiles.create(body, user),
  }),
  defineOperation({
    method: 'get',
    path: profile,
    operationId: 'getProfile',
    summary: 'One profile with its device counts and conflicts',
    tag: 'profiles',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The profile.', schema: 'Profile' },
    errors: [404],
    handle: ({ params }, { profiles }) => profiles.get(params.id),
  }),
  defineOperation({
    method: 'patch',
    path: profile,
    operationId: 'updateProfile',
    summary: 'Change, enable or disable a profile; a new query, nodes or EXECs make a new revision',
    tag: 'profiles',
    access: { kind: 'action', action: 'profiles:write' },
    body: 'UpdateProfileInput',
    success: { status: 200, description: 'The profile as it now stands.', schema: 'Profile' },
    errors: [400, 404, 409],
    handle: ({ params, body }, { profiles }) => profiles.update(params.id, body),
  }),
  defineOperation({
    method: 'delete',
    path: profile,
    operationId: 'deleteProfile',
    summary: 'Remove a profile and every device state of it (values written stay on the devices)',
    tag: 'profiles',
    access: { kind: 'action', action: 'profiles:write' },
    success: { status: 204, description: 'Removed.' },
    errors: [404],
    handle: ({ params }, { profiles }) => profiles.remove(params.id),
  }),
  defineOperation({
    method: 'get',
    path: `${API_BASE}/profiles/:id/status`,
    operationId: 'getProfileStatus',
    summary: "A profile's counts and its devices' states, by DevID, optionally in one status",
    tag: 'profiles',
    access: { kind: 'action', action: 'fleet:read' },
    query: profileStatusQuerySchema,
    success: { status: 200, description: 'Counts and a page of devices.', schema: 'ProfileStatusPage' },
    errors: [400, 404],
    handle: ({ params, query }, { profiles }) => profiles.status(params.id, query),
  }),
  defineOperation({
    method: 'get',
    path: `${API_BASE}/devices/:devId/profiles`,
    operationId: 'listDeviceProfiles',
    summary: 'The profiles that apply to the device and its state in each, by profile name',
    tag: 'profiles',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: "The device's profiles.", schema: 'DeviceProfiles' },
    errors: [404],
    handle: ({ params }, { profiles }) => profiles.forDevice(params.devId),
  }),
];
