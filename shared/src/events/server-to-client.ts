import { z } from 'zod';
import { deviceSchema } from '../api/devices.schema';
import { commandFailureReasonSchema, commandStateSchema } from '../api/commands.schema';
import { commandOutcomeSchema } from '../api/command-outcome';
import { alertRecordSchema } from '../api/alerts.schema';
import { notificationRecordSchema } from '../api/notifications.schema';
import { operationRecordSchema } from '../api/operations.schema';
import { refusalRecordSchema } from '../api/refusals.schema';
import { campaignRecordSchema } from '../api/campaigns.schema';
import { profileCountsSchema, profileDeviceStateSchema } from '../api/profiles.schema';
import type { SocketRefusedEvent } from './client-to-server';

/** A device was registered, changed (contact, DevInfo, labels) or removed. Carries the new view. */
export const deviceUpdatedEventSchema = z.object({ device: deviceSchema });
export const deviceRemovedEventSchema = z.object({ devId: z.string() });

export const SESSION_END_REASONS = ['completed', 'abandoned', 'superseded', 'aborted'] as const;
export const sessionEventSchema = z.object({
  devId: z.string(),
  sessionId: z.string(),
  at: z.iso.datetime(),
});
export const sessionEndedEventSchema = sessionEventSchema.extend({
  reason: z.enum(SESSION_END_REASONS),
});

export const commandStateChangedEventSchema = z.object({
  id: z.string(),
  devId: z.string(),
  state: commandStateSchema,
  sc: z.number().int().nullable(),
  /** In how many P2s the command was sent so far. */
  deliveries: z.number().int().min(0),
  reason: commandFailureReasonSchema.nullable(),
  /** What the person answered a SHOW that ended `ok` (protocol §8); null otherwise. */
  outcome: commandOutcomeSchema.nullable(),
  at: z.iso.datetime(),
});

/** Nodes of a device's tree changed; `source` names the command or report that changed them. */
export const treeChangedEventSchema = z.object({
  devId: z.string(),
  moid: z.string(),
  miid: z.string(),
  changes: z.array(
    z.object({
      path: z.string(),
      oldValue: z.string().nullable(),
      newValue: z.string().nullable(),
      deleted: z.boolean(),
    }),
  ),
  source: z.object({ kind: z.enum(['command', 'report', 'session']), id: z.string().nullable() }),
  at: z.iso.datetime(),
});

/**
 * A device sent an alert. `coalesced`: it was folded into the open row `alert.id` (its `count` and
 * `lastAt` grew), which consoles update in place rather than adding a row (protocol §13).
 */
export const alertReceivedEventSchema = z.object({
  alert: alertRecordSchema,
  coalesced: z.boolean(),
  /** Occurrences this event adds to `alert.count` (several identical alerts in one package). */
  occurrences: z.number().int().min(1),
});

/** Console users acknowledged alerts; carries each alert as it now stands. */
export const alertAcknowledgedEventSchema = z.object({ alerts: z.array(alertRecordSchema) });

/** A firmware update or software install moved on (consent answered, running, ok, failed …). */
export const operationUpdatedEventSchema = z.object({ operation: operationRecordSchema });

/** A wake-up notification of a device changed state (sent, answered, retried, failed). */
export const notificationUpdatedEventSchema = z.object({ notification: notificationRecordSchema });

/** A contact of the device was refused and recorded (for the consoles watching the device). */
export const deviceRefusedEventSchema = z.object({ devId: z.string(), refusal: refusalRecordSchema });

/** A campaign changed: state, wave, counts (protocol §11). Carries the campaign as it now stands. */
export const campaignUpdatedEventSchema = z.object({ campaign: campaignRecordSchema });

/** A profile was created, changed or removed (protocol §14); consoles read it again. */
export const profileChangedEventSchema = z.object({ id: z.string(), removed: z.boolean() });
/** A profile's device counts moved (sent at most a few times a second per profile). */
export const profileCountsEventSchema = z.object({ id: z.string(), counts: profileCountsSchema });
/** A device's state for one profile changed (to the consoles watching the device). */
export const profileDeviceStateEventSchema = z.object({ profileState: profileDeviceStateSchema });

export type DeviceUpdatedEvent = z.infer<typeof deviceUpdatedEventSchema>;
export type DeviceRemovedEvent = z.infer<typeof deviceRemovedEventSchema>;
export type SessionEvent = z.infer<typeof sessionEventSchema>;
export type SessionEndedEvent = z.infer<typeof sessionEndedEventSchema>;
export type CommandStateChangedEvent = z.infer<typeof commandStateChangedEventSchema>;
export type TreeChangedEvent = z.infer<typeof treeChangedEventSchema>;
export type AlertReceivedEvent = z.infer<typeof alertReceivedEventSchema>;
export type AlertAcknowledgedEvent = z.infer<typeof alertAcknowledgedEventSchema>;
export type NotificationUpdatedEvent = z.infer<typeof notificationUpdatedEventSchema>;
export type OperationUpdatedEvent = z.infer<typeof operationUpdatedEventSchema>;
export type DeviceRefusedEvent = z.infer<typeof deviceRefusedEventSchema>;
export type CampaignUpdatedEvent = z.infer<typeof campaignUpdatedEventSchema>;
export type ProfileChangedEvent = z.infer<typeof profileChangedEventSchema>;
export type ProfileCountsEvent = z.infer<typeof profileCountsEventSchema>;
export type ProfileDeviceStateEvent = z.infer<typeof profileDeviceStateEventSchema>;

/** Schemas of every server → console event, by name; the console parses each payload with these. */
export const serverEventSchemas = {
  'device:updated': deviceUpdatedEventSchema,
  'device:removed': deviceRemovedEventSchema,
  'session:started': sessionEventSchema,
  'session:ended': sessionEndedEventSchema,
  'command:state-changed': commandStateChangedEventSchema,
  'tree:changed': treeChangedEventSchema,
  'alert:received': alertReceivedEventSchema,
  'alert:acknowledged': alertAcknowledgedEventSchema,
  'notification:updated': notificationUpdatedEventSchema,
  'operation:updated': operationUpdatedEventSchema,
  'device:refused': deviceRefusedEventSchema,
  'campaign:updated': campaignUpdatedEventSchema,
  'profile:changed': profileChangedEventSchema,
  'profile:counts': profileCountsEventSchema,
  'profile:device-state': profileDeviceStateEventSchema,
} as const;
export type ServerEventName = keyof typeof serverEventSchemas;

/** Typed socket.io server → client events (protocol §8, "Live events"). */
export type ServerToClientEvents = {
  [K in ServerEventName]: (payload: z.infer<(typeof serverEventSchemas)[K]>) => void;
} & {
  /** To the one socket whose event, sent without an acknowledgement, was refused. */
  'socket:refused': (payload: SocketRefusedEvent) => void;
};
