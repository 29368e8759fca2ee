// What a campaign's action needs of each device (protocol §11): the MO it holds while it runs (two
// campaigns on one MO of a device conflict), the MO a device must have reported, and the ids a device's
// command or operation gets, derived from the campaign and the device so a retried step finds the
// one it queued before instead of queueing a second.
import { createHash } from 'node:crypto';
import type { CampaignAction, QueueCommandInput } from '@dmc/shared/api';
import { clientUrisOf, parseClientUri } from '@dmc/shared/protocol';
import { FUMO_MOID, SCOMO_MOID } from '../operations/operation-plans';

/** The MOID of the action's first ClientURI, for a command; FUMO or SCOMO for an operation. */
export function actionMoid(action: CampaignAction): string | null {
  switch (action.kind) {
    case 'firmware-update':
      return FUMO_MOID;
    case 'software-install':
      return SCOMO_MOID;
    case 'command': {
      const [first] = clientUrisOf(action.command as readonly (string | null)[]);
      if (first === undefined) return null;
      const parsed = parseClientUri(first.uri);
      return parsed.ok ? parsed.value.moid : null;
    }
    case 'wake':
    case 'labels':
      return null;
  }
}

/** Two campaigns with the same key may not both hold a device; wake and labels never conflict. */
export const conflictKeyOf = actionMoid;

/** The queue input of a command action. */
export function commandInputOf(action: CampaignAction & { kind: 'command' }): QueueCommandInput {
  const { kind: _kind, ...input } = action;
  return input;
}

/** A UUID-shaped id from SHA-256 of (purpose, campaign, device): the same inputs give the same id. */
export function derivedId(purpose: 'command' | 'operation', campaignId: string, devId: string): string {
  const hex = createHash('sha256').update(`${purpose}\u0000${campaignId}\u0000${devId}`).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant, so the id reads as a UUID.
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
