import { z } from 'zod';

export const OPERATION_KINDS = ['firmware-update', 'software-install'] as const;
export const OPERATION_STATES = [
  'waiting-consent',
  'postponed',
  'running',
  /** A firmware update's commands ended ok; reading DevInfo/FwV to check the new version. */
  'verifying',
  'ok',
  'failed',
  'declined',
  'cancelled',
] as const;
export const operationStateSchema = z.enum(OPERATION_STATES);
export type OperationState = z.infer<typeof operationStateSchema>;

/** Ask the person on the device first (a consent or postpone page via SHOW); the update waits. */
export const consentRequestSchema = z.object({
  kind: z.enum(['consent', 'postpone']).default('consent'),
  title: z.string().min(1).max(120).optional(),
  text: z.string().min(1).max(2000).optional(),
});
export type ConsentRequest = z.infer<typeof consentRequestSchema>;

/** POST /api/v1/devices/:devId/firmware-updates body (protocol §8). */
export const startFirmwareUpdateInputSchema = z.object({
  artifactId: z.string().min(1).max(128),
  /** The FUMO instance; defaults to the only one the device reported. */
  miid: z.string().min(1).max(128).optional(),
  consent: consentRequestSchema.optional(),
});
export type StartFirmwareUpdateInput = z.infer<typeof startFirmwareUpdateInputSchema>;

/** POST /api/v1/devices/:devId/software-installs body. */
export const startSoftwareInstallInputSchema = z.object({
  artifactId: z.string().min(1).max(128),
  /** The SCOMO instance; defaults to the only one the device reported. */
  miid: z.string().min(1).max(128).optional(),
  consent: consentRequestSchema.optional(),
});
export type StartSoftwareInstallInput = z.infer<typeof startSoftwareInstallInputSchema>;

/** A firmware update or software install and where it stands. */
export const operationRecordSchema = z.object({
  id: z.string(),
  devId: z.string(),
  kind: z.enum(OPERATION_KINDS),
  artifactId: z.string().nullable(),
  state: operationStateSchema,
  /** Commands queued for the current step (the consent SHOW is `consentCommand`). */
  commands: z.array(z.string()),
  consentCommand: z.string().nullable(),
  result: z.unknown().nullable(),
  resumeAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type OperationRecord = z.infer<typeof operationRecordSchema>;

export const operationListSchema = z.object({ items: z.array(operationRecordSchema) });
export type OperationList = z.infer<typeof operationListSchema>;
