// The named schemas of the console API's OpenAPI document (protocol §8), all shared zod contracts:
// request bodies, response bodies and the `:name` segments of paths.
import type { z } from 'zod';
import {
  acknowledgeAlertsInputSchema,
  alertListSchema,
  alertPageSchema,
  alertRecordSchema,
  fleetStatsSchema,
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
  metadataDocumentSchema,
  metadataListSchema,
  deviceSchema,
  deviceTreeSchema,
  dryRunResultSchema,
  errorResponseSchema,
  healthSchema,
  serviceStatusSchema,
  artifactListSchema,
  artifactSchema,
  notificationListSchema,
  notificationRecordSchema,
  loginInputSchema,
  loginResponseSchema,
  pageTemplateListSchema,
  pageTemplateSchema,
  queueCommandInputSchema,
  queueableCommandSchema,
  queuedCommandSchema,
  retriedCommandSchema,
  retryCommandInputSchema,
  sessionListSchema,
  refusalListSchema,
  registerDeviceInputSchema,
  treeInstanceSchema,
  treeNodeSchema,
  updateUserInputSchema,
  userAccountSchema,
  userListSchema,
  userSchema,
  usernameSchema,
} from '@dmc/shared/api';
import { moDataSchema, moDataValueSchema } from '@dmc/shared/protocol';

/** Schemas of request bodies (converted as zod input types). */
export const INPUT_COMPONENTS = {
  LoginInput: loginInputSchema,
  CreateUserInput: createUserInputSchema,
  UpdateUserInput: updateUserInputSchema,
  RegisterDeviceInput: registerDeviceInputSchema,
  QueueCommandInput: queueCommandInputSchema,
  QueueableCommand: queueableCommandSchema,
  AcknowledgeAlertsInput: acknowledgeAlertsInputSchema,
  CreatePageTemplateInput: createPageTemplateInputSchema,
  StartFirmwareUpdateInput: startFirmwareUpdateInputSchema,
  StartSoftwareInstallInput: startSoftwareInstallInputSchema,
  RetryCommandInput: retryCommandInputSchema,
  MoMetadataInput: metadataDocumentSchema,
  MoData: moDataSchema,
  // Recursive: it must be a named component so the cycle becomes a $ref.
  MoDataValue: moDataValueSchema,
} as const satisfies Record<string, z.ZodType>;

/** Schemas of response bodies (converted as zod output types). */
export const OUTPUT_COMPONENTS = {
  User: userSchema,
  UserAccount: userAccountSchema,
  UserList: userListSchema,
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
  DryRunResult: dryRunResultSchema,
  RetriedCommand: retriedCommandSchema,
  SessionList: sessionListSchema,
  RefusalList: refusalListSchema,
  AlertRecord: alertRecordSchema,
  AlertPage: alertPageSchema,
  AlertList: alertListSchema,
  FleetStats: fleetStatsSchema,
  PageTemplate: pageTemplateSchema,
  Operation: operationRecordSchema,
  OperationList: operationListSchema,
  PageTemplateList: pageTemplateListSchema,
  NotificationRecord: notificationRecordSchema,
  Artifact: artifactSchema,
  ArtifactList: artifactListSchema,
  NotificationList: notificationListSchema,
  Health: healthSchema,
  ServiceStatus: serviceStatusSchema,
  MoMetadata: metadataDocumentSchema,
  MetadataList: metadataListSchema,
  ErrorResponse: errorResponseSchema,
} as const satisfies Record<string, z.ZodType>;

export type InputComponent = keyof typeof INPUT_COMPONENTS;
export type OutputComponent = keyof typeof OUTPUT_COMPONENTS;

/** Schemas of the `:name` segments of the paths below. */
export const PATH_PARAMETERS: Readonly<Record<string, { schema: z.ZodType; description: string }>> = {
  devId: { schema: devIdSchema, description: "The device's DevID." },
  username: { schema: usernameSchema, description: 'The console user name.' },
  id: {
    schema: commandRecordSchema.shape.id,
    description: 'The id of the command, artifact, firmware update, software install or alert.',
  },
  templateId: { schema: pageTemplateSchema.shape.id, description: 'The page template id.' },
  moid: {
    schema: metadataDocumentSchema.shape.MOID,
    description: 'The MOID, e.g. `urn:oma:mo:oma-fumo:1.0`.',
  },
};

/** What a 400 calls a request body that fails its schema ("The command is not valid (…)."). */
export const BODY_NOUNS: Readonly<Partial<Record<InputComponent, string>>> = {
  LoginInput: 'login',
  CreateUserInput: 'user',
  UpdateUserInput: 'user change',
  RegisterDeviceInput: 'device',
  QueueCommandInput: 'command',
  RetryCommandInput: 'retry',
  CreatePageTemplateInput: 'page template',
  StartFirmwareUpdateInput: 'firmware update',
  StartSoftwareInstallInput: 'software install',
};
