// The console API (profile §8) as data: one entry per route of http/routes. The OpenAPI document is
// built from this table and the shared zod contracts, so a new route is one new entry here.
import type { z } from 'zod';
import {
  API_BASE,
  alertPageSchema,
  alertRecordSchema,
  apiRoutes,
  commandListSchema,
  commandRecordSchema,
  createPageTemplateInputSchema,
  operationListSchema,
  operationRecordSchema,
  startFirmwareUpdateInputSchema,
  startSoftwareInstallInputSchema,
  createUserInputSchema,
  devIdSchema,
  devInfoSummarySchema,
  devicePageSchema,
  deviceSchema,
  deviceTreeSchema,
  errorResponseSchema,
  healthSchema,
  listAlertsQuerySchema,
  listCommandsQuerySchema,
  listDevicesQuerySchema,
  artifactListSchema,
  artifactSchema,
  createArtifactQuerySchema,
  listNotificationsQuerySchema,
  notificationListSchema,
  notificationRecordSchema,
  loginInputSchema,
  loginResponseSchema,
  pageTemplateListSchema,
  pageTemplateSchema,
  queueCommandInputSchema,
  queueableCommandSchema,
  queuedCommandSchema,
  registerDeviceInputSchema,
  treeInstanceSchema,
  treeNodeSchema,
  userSchema,
} from '@dmc/shared/api';
import { moDataSchema, moDataValueSchema } from '@dmc/shared/protocol';
import type { Action } from '../../domain/auth/permissions';

/** Schemas of request bodies (converted as zod input types). */
export const INPUT_COMPONENTS = {
  LoginInput: loginInputSchema,
  CreateUserInput: createUserInputSchema,
  RegisterDeviceInput: registerDeviceInputSchema,
  QueueCommandInput: queueCommandInputSchema,
  QueueableCommand: queueableCommandSchema,
  CreatePageTemplateInput: createPageTemplateInputSchema,
  StartFirmwareUpdateInput: startFirmwareUpdateInputSchema,
  StartSoftwareInstallInput: startSoftwareInstallInputSchema,
  MoData: moDataSchema,
  // Recursive: it must be a named component so the cycle becomes a $ref.
  MoDataValue: moDataValueSchema,
} as const satisfies Record<string, z.ZodType>;

/** Schemas of response bodies (converted as zod output types). */
export const OUTPUT_COMPONENTS = {
  User: userSchema,
  LoginResponse: loginResponseSchema,
  Device: deviceSchema,
  DevInfoSummary: devInfoSummarySchema,
  DevicePage: devicePageSchema,
  DeviceTree: deviceTreeSchema,
  TreeInstance: treeInstanceSchema,
  TreeNode: treeNodeSchema,
  QueuedCommand: queuedCommandSchema,
  CommandRecord: commandRecordSchema,
  CommandList: commandListSchema,
  AlertRecord: alertRecordSchema,
  AlertPage: alertPageSchema,
  PageTemplate: pageTemplateSchema,
  Operation: operationRecordSchema,
  OperationList: operationListSchema,
  PageTemplateList: pageTemplateListSchema,
  NotificationRecord: notificationRecordSchema,
  Artifact: artifactSchema,
  ArtifactList: artifactListSchema,
  NotificationList: notificationListSchema,
  Health: healthSchema,
  ErrorResponse: errorResponseSchema,
} as const satisfies Record<string, z.ZodType>;

export type InputComponent = keyof typeof INPUT_COMPONENTS;
export type OutputComponent = keyof typeof OUTPUT_COMPONENTS;

/** Schemas of the `:name` segments of the paths below. */
export const PATH_PARAMETERS: Readonly<Record<string, { schema: z.ZodType; description: string }>> = {
  devId: { schema: devIdSchema, description: "The device's DevID." },
  id: {
    schema: commandRecordSchema.shape.id,
    description: 'The id of the command, artifact, firmware update or software install.',
  },
  templateId: { schema: pageTemplateSchema.shape.id, description: 'The page template id.' },
};

export const API_TAGS = {
  auth: 'Console sign-in and sessions.',
  users: 'Console users (admin only).',
  devices: 'The device fleet.',
  tree: "Devices' last-known management trees.",
  commands: 'The per-device command queue.',
  pages: 'Pages shown on devices by SHOW: stored templates.',
  alerts: 'Alerts devices sent.',
  artifacts: 'Firmware and software packages devices download.',
  operations: 'Firmware updates and software installs, with optional consent on the device.',
  health: 'Liveness.',
  meta: 'This description of the API.',
} as const;
export type ApiTag = keyof typeof API_TAGS;

/**
 * Who may call a route: anyone; anyone, using a credential when one is sent; any signed-in user; or
 * a signed-in user whose role grants `action` (a role without it gets 403, profile §8).
 */
export type ApiAccess =
  { kind: 'public' } | { kind: 'optional' } | { kind: 'signed-in' } | { kind: 'action'; action: Action };

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';
/** Errors a route gives on its own; 401 and 403 follow from `access` too. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415;

export interface ApiOperation {
  method: HttpMethod;
  /** Express syntax: `/api/v1/devices/:devId`. */
  path: string;
  operationId: string;
  summary: string;
  tag: ApiTag;
  access: ApiAccess;
  /** A JSON body (a named schema) or raw bytes (`binary`). */
  body?: InputComponent | 'binary';
  query?: z.ZodObject;
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: OutputComponent | 'any-json' };
  errors: readonly ErrorStatus[];
}

const device = `${API_BASE}/devices/:devId`;
const command = `${API_BASE}/commands/:id`;

export const OPENAPI_PATH = `${API_BASE}/openapi.json`;

export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post',
    path: apiRoutes.login,
    operationId: 'login',
    summary: 'Sign in; returns a bearer token and sets the session cookie',
    tag: 'auth',
    access: { kind: 'public' },
    body: 'LoginInput',
    success: {
      status: 200,
      description: 'Signed in. The response also sets the httpOnly `dmc_session` cookie.',
      schema: 'LoginResponse',
    },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: apiRoutes.logout,
    operationId: 'logout',
    summary: 'Sign out: ends the session of the sent credential and clears the cookie',
    tag: 'auth',
    access: { kind: 'optional' },
    success: { status: 204, description: 'Signed out (also when no session was sent).' },
    errors: [],
  },
  {
    method: 'get',
    path: apiRoutes.me,
    operationId: 'getCurrentUser',
    summary: 'The signed-in user',
    tag: 'auth',
    access: { kind: 'signed-in' },
    success: { status: 200, description: 'The user behind the credential.', schema: 'User' },
    errors: [],
  },
  {
    method: 'post',
    path: apiRoutes.users,
    operationId: 'createUser',
    summary: 'Create a console user',
    tag: 'users',
    access: { kind: 'action', action: 'users:write' },
    body: 'CreateUserInput',
    success: { status: 201, description: 'Created.', schema: 'User' },
    errors: [400, 409],
  },
  {
    method: 'post',
    path: apiRoutes.devices,
    operationId: 'registerDevice',
    summary: 'Register a device and its secrets',
    tag: 'devices',
    access: { kind: 'action', action: 'devices:write' },
    body: 'RegisterDeviceInput',
    success: { status: 201, description: 'Registered.', schema: 'Device' },
    errors: [400, 409],
  },
  {
    method: 'get',
    path: apiRoutes.devices,
    operationId: 'listDevices',
    summary: 'List devices (filter, sort, cursor paging)',
    tag: 'devices',
    access: { kind: 'action', action: 'fleet:read' },
    query: listDevicesQuerySchema,
    success: { status: 200, description: 'One page of devices.', schema: 'DevicePage' },
    errors: [400],
  },
  {
    method: 'get',
    path: device,
    operationId: 'getDevice',
    summary: 'One device',
    tag: 'devices',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The device.', schema: 'Device' },
    errors: [404],
  },
  {
    method: 'delete',
    path: device,
    operationId: 'deleteDevice',
    summary: 'Remove a device',
    tag: 'devices',
    access: { kind: 'action', action: 'devices:write' },
    success: { status: 204, description: 'Removed.' },
    errors: [404],
  },
  {
    method: 'get',
    path: `${device}/tree`,
    operationId: 'getDeviceTree',
    summary: "The device's last-known MO instances and nodes with their meta-data",
    tag: 'tree',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The tree.', schema: 'DeviceTree' },
    errors: [404],
  },
  {
    method: 'post',
    path: `${device}/commands`,
    operationId: 'queueCommand',
    summary: 'Queue a command for the device',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:write' },
    body: 'QueueCommandInput',
    success: { status: 201, description: 'Queued.', schema: 'QueuedCommand' },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: `${device}/commands`,
    operationId: 'listDeviceCommands',
    summary: "The device's commands, newest first",
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    query: listCommandsQuerySchema,
    success: { status: 200, description: 'The commands.', schema: 'CommandList' },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: command,
    operationId: 'getCommand',
    summary: 'One command and its state',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    success: { status: 200, description: 'The command.', schema: 'CommandRecord' },
    errors: [404],
  },
  {
    method: 'post',
    path: `${command}/cancel`,
    operationId: 'cancelCommand',
    summary: 'Cancel a command that has not been sent',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:write' },
    success: { status: 200, description: 'Cancelled.', schema: 'CommandRecord' },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: `${device}/notify`,
    operationId: 'notifyDevice',
    summary: 'Wake the device now with a P0 notification to its push URL',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:write' },
    success: {
      status: 202,
      description: 'The notification and its first attempt.',
      schema: 'NotificationRecord',
    },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: `${device}/notifications`,
    operationId: 'listDeviceNotifications',
    summary: "The device's wake-up notifications and their attempts, newest first",
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    query: listNotificationsQuerySchema,
    success: { status: 200, description: 'The notifications.', schema: 'NotificationList' },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: apiRoutes.alerts,
    operationId: 'listAlerts',
    summary: 'Stored alerts, newest first (cursor paging)',
    tag: 'alerts',
    access: { kind: 'action', action: 'alerts:read' },
    query: listAlertsQuerySchema,
    success: { status: 200, description: 'One page of alerts.', schema: 'AlertPage' },
    errors: [400],
  },
  {
    method: 'post',
    path: apiRoutes.pages,
    operationId: 'createPageTemplate',
    summary: 'Store a page template for SHOW',
    tag: 'pages',
    access: { kind: 'action', action: 'commands:write' },
    body: 'CreatePageTemplateInput',
    success: { status: 201, description: 'Stored.', schema: 'PageTemplate' },
    errors: [400],
  },
  {
    method: 'get',
    path: apiRoutes.pages,
    operationId: 'listPageTemplates',
    summary: 'The stored page templates, by name',
    tag: 'pages',
    access: { kind: 'action', action: 'commands:read' },
    success: { status: 200, description: 'The templates.', schema: 'PageTemplateList' },
    errors: [],
  },
  {
    method: 'delete',
    path: `${API_BASE}/pages/:templateId`,
    operationId: 'deletePageTemplate',
    summary: 'Remove a page template (pages already made from it stay)',
    tag: 'pages',
    access: { kind: 'action', action: 'commands:write' },
    success: { status: 204, description: 'Removed.' },
    errors: [404],
  },
  {
    method: 'post',
    path: apiRoutes.artifacts,
    operationId: 'uploadArtifact',
    summary: 'Upload a firmware or software package (raw bytes, streamed to storage)',
    tag: 'artifacts',
    access: { kind: 'action', action: 'artifacts:write' },
    query: createArtifactQuerySchema,
    body: 'binary',
    success: { status: 201, description: 'Stored, with its size and SHA-256.', schema: 'Artifact' },
    errors: [400, 413, 415],
  },
  {
    method: 'get',
    path: apiRoutes.artifacts,
    operationId: 'listArtifacts',
    summary: 'Stored artifacts, newest first',
    tag: 'artifacts',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The artifacts.', schema: 'ArtifactList' },
    errors: [],
  },
  {
    method: 'get',
    path: `${API_BASE}/artifacts/:id`,
    operationId: 'getArtifact',
    summary: 'One artifact',
    tag: 'artifacts',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The artifact.', schema: 'Artifact' },
    errors: [404],
  },
  {
    method: 'delete',
    path: `${API_BASE}/artifacts/:id`,
    operationId: 'deleteArtifact',
    summary: 'Delete an artifact no operation uses',
    tag: 'artifacts',
    access: { kind: 'action', action: 'artifacts:write' },
    success: { status: 204, description: 'Deleted.' },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: `${device}/firmware-updates`,
    operationId: 'startFirmwareUpdate',
    summary: 'Update the firmware from an artifact (FUMO DownloadAndUpdate), optionally after consent',
    tag: 'operations',
    access: { kind: 'action', action: 'commands:write' },
    body: 'StartFirmwareUpdateInput',
    success: { status: 201, description: 'Started.', schema: 'Operation' },
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: `${API_BASE}/firmware-updates/:id`,
    operationId: 'getFirmwareUpdate',
    summary: 'A firmware update and where it stands',
    tag: 'operations',
    access: { kind: 'action', action: 'commands:read' },
    success: { status: 200, description: 'The firmware update.', schema: 'Operation' },
    errors: [404],
  },
  {
    method: 'post',
    path: `${device}/software-installs`,
    operationId: 'startSoftwareInstall',
    summary: 'Install a software package from an artifact (SCOMO DownloadInstall), optionally after consent',
    tag: 'operations',
    access: { kind: 'action', action: 'commands:write' },
    body: 'StartSoftwareInstallInput',
    success: { status: 201, description: 'Started.', schema: 'Operation' },
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: `${API_BASE}/software-installs/:id`,
    operationId: 'getSoftwareInstall',
    summary: 'A software install and where it stands',
    tag: 'operations',
    access: { kind: 'action', action: 'commands:read' },
    success: { status: 200, description: 'The software install.', schema: 'Operation' },
    errors: [404],
  },
  {
    method: 'get',
    path: `${device}/operations`,
    operationId: 'listDeviceOperations',
    summary: "The device's firmware updates and software installs, newest first",
    tag: 'operations',
    access: { kind: 'action', action: 'commands:read' },
    query: listCommandsQuerySchema,
    success: { status: 200, description: 'The operations.', schema: 'OperationList' },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    summary: 'Liveness: 200 once the server accepts work',
    tag: 'health',
    access: { kind: 'public' },
    success: { status: 200, description: 'Up.', schema: 'Health' },
    errors: [],
  },
  {
    method: 'get',
    path: OPENAPI_PATH,
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tag: 'meta',
    access: { kind: 'public' },
    success: { status: 200, description: 'The document.', schema: 'any-json' },
    errors: [],
  },
];
