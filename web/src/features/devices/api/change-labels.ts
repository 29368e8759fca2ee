import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, deviceSchema, type ChangeLabelsInput, type Device } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { deviceKeys } from '../../../lib/queries/devices';

/** Adds and removes labels of one device; the answer is the device with its new labels. */
export function changeDeviceLabels(devId: string, change: Partial<ChangeLabelsInput>): Promise<Device> {
  return apiRequest(apiRoutes.deviceLabels(devId), deviceSchema, { method: 'PATCH', body: change });
}

/**
 * The device page's label editor. The answer replaces the cached device at once; the lists follow
 * from the 'device:updated' every console gets.
 */
export function useChangeDeviceLabels(devId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: Partial<ChangeLabelsInput>) => changeDeviceLabels(devId, change),
    onSuccess: (device) => queryClient.setQueryData(deviceKeys.detail(devId), device),
  });
}
