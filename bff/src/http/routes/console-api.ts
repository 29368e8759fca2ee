// The operation table: every route of the console API, in the order Express tries them. app.ts
// mounts these lists, the OpenAPI document is built from API_OPERATIONS, and the permission matrix
// test calls every entry in every role. A new route is one entry (with its handler) in a module here.
import { openApiOperations } from '../openapi/openapi.routes';
import type { ApiOperation } from '../operation';
import { alertOperations } from './alerts.routes';
import { artifactOperations } from './artifacts.routes';
import { auditOperations } from './audit.routes';
import { authOperations } from './auth.routes';
import { campaignOperations } from './campaigns.routes';
import { commandOperations } from './commands.routes';
import { deviceOperations } from './devices.routes';
import { healthOperations } from './health.routes';
import { metadataOperations } from './metadata.routes';
import { notifyOperations } from './notify.routes';
import { operationOperations } from './operations.routes';
import { pageTemplateOperations } from './page-templates.routes';
import { profileOperations } from './profiles.routes';
import { refusalOperations } from './refusals.routes';
import { sessionOperations } from './sessions.routes';
import { statsOperations } from './stats.routes';
import { statusOperations } from './status.routes';
import { tokenOperations } from './tokens.routes';
import { treeOperations } from './tree.routes';
import { userOperations } from './users.routes';
import { viewOperations } from './views.routes';

/** Behind the JSON body parser; the unknown paths under /api/v1 that follow them need a sign-in. */
export const CONSOLE_OPERATIONS: readonly ApiOperation[] = [
  ...authOperations,
  ...userOperations,
  ...tokenOperations,
  // Before the device routes: POST /devices/bulk is not a device.
  ...campaignOperations,
  ...deviceOperations,
  ...treeOperations,
  ...commandOperations,
  ...sessionOperations,
  ...refusalOperations,
  ...notifyOperations,
  ...alertOperations,
  ...statsOperations,
  ...viewOperations,
  ...profileOperations,
  ...pageTemplateOperations,
  ...metadataOperations,
  ...artifactOperations,
  ...operationOperations,
  ...auditOperations,
];

/** Probes, metrics and the API description: public, answered before the console API's body parser. */
export const SERVICE_OPERATIONS: readonly ApiOperation[] = [
  ...healthOperations,
  ...statusOperations,
  ...openApiOperations,
];

export const API_OPERATIONS: readonly ApiOperation[] = [...CONSOLE_OPERATIONS, ...SERVICE_OPERATIONS];
