import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { applyAlertReceived, applyAlertsAcknowledged } from '../lib/live-updates/alerts';
import { applyCampaignUpdated } from '../lib/live-updates/campaigns';
import { applyCommandStateChanged } from '../lib/live-updates/commands';
import { applyDeviceRemoved, applyDeviceUpdated } from '../lib/live-updates/devices';
import { createInvalidateSoon } from '../lib/live-updates/invalidate-soon';
import { invalidateAfterEvent } from '../lib/live-updates/invalidate-after-event';
import { applyNotification } from '../lib/live-updates/notifications';
import { applyOperationCommandChanged, applyOperationUpdated } from '../lib/live-updates/operations';
import {
  applyProfileChanged,
  applyProfileCounts,
  applyProfileDeviceState,
} from '../lib/live-updates/profiles';
import { applyDeviceRefused } from '../lib/live-updates/refusals';
import {
  STATS_REFETCH_MS,
  patchStats,
  withAlertReceived,
  withAlertsAcknowledged,
  withSessionEnded,
  withSessionStarted,
} from '../lib/live-updates/stats';
import { applyTreeChanged } from '../lib/live-updates/tree';
import { sessionKeys } from '../lib/queries/sessions';
import { statsKeys } from '../lib/queries/stats';
import { useSocketEvent } from './use-socket-event';

/**
 * The one place where live events reach the server-state cache. Mounted once by the signed-in
 * shell: each event patches the cached queries it carries the data for and invalidates only those
 * it does not (an inactive query is then fetched when it is next shown). Tree changes, refused
 * contacts and a device's profile states arrive only for watched devices (`useDeviceWatch`); every other event reaches every console.
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  const [batch] = useState(() => createInvalidateSoon(queryClient));
  useEffect(() => batch.dispose, [batch]);
  const { soon } = batch;

  useSocketEvent('device:updated', ({ device }) => {
    applyDeviceUpdated(queryClient, device, soon);
    patchStats(queryClient, soon);
  });
  useSocketEvent('device:removed', ({ devId }) => {
    applyDeviceRemoved(queryClient, devId);
    patchStats(queryClient, soon);
  });
  useSocketEvent('session:started', (event) => {
    invalidateAfterEvent(queryClient, { queryKey: sessionKeys.device(event.devId) });
    patchStats(queryClient, soon, (stats) => withSessionStarted(stats, event));
  });
  useSocketEvent('session:ended', (event) => {
    invalidateAfterEvent(queryClient, { queryKey: sessionKeys.device(event.devId) });
    patchStats(queryClient, soon, (stats) => withSessionEnded(stats, event));
  });
  useSocketEvent('command:state-changed', (event) => {
    applyCommandStateChanged(queryClient, event, soon);
    applyOperationCommandChanged(queryClient, event);
    patchStats(queryClient, soon);
  });
  useSocketEvent('tree:changed', (event) => applyTreeChanged(queryClient, event));
  useSocketEvent('device:refused', (event) => {
    applyDeviceRefused(queryClient, event);
    // A refused contact is a row of the device's session list (profile §13).
    invalidateAfterEvent(queryClient, { queryKey: sessionKeys.device(event.devId) });
  });
  useSocketEvent('alert:received', ({ alert, coalesced }) => {
    applyAlertReceived(queryClient, alert, Date.now());
    patchStats(queryClient, soon, (stats) => withAlertReceived(stats, alert, coalesced));
    if (!alert.sessionStart) soon(statsKeys.alerts(), STATS_REFETCH_MS);
  });
  useSocketEvent('alert:acknowledged', ({ alerts }) => {
    applyAlertsAcknowledged(queryClient, alerts);
    patchStats(queryClient, soon, (stats) => withAlertsAcknowledged(stats, alerts));
  });
  useSocketEvent('notification:updated', ({ notification }) => applyNotification(queryClient, notification));
  useSocketEvent('operation:updated', ({ operation }) => applyOperationUpdated(queryClient, operation));
  useSocketEvent('campaign:updated', ({ campaign }) => applyCampaignUpdated(queryClient, campaign, soon));
  useSocketEvent('profile:counts', ({ id, counts }) => applyProfileCounts(queryClient, id, counts, soon));
  useSocketEvent('profile:changed', ({ id, removed }) => applyProfileChanged(queryClient, id, removed));
  useSocketEvent('profile:device-state', ({ profileState }) =>
    applyProfileDeviceState(queryClient, profileState, soon),
  );
}
