import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, operationListSchema, type OperationState } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

const ACTIVE: readonly OperationState[] = ['waiting-consent', 'postponed', 'running', 'verifying'];

/** An operation that may still move on (its commands' states matter to it). */
export function isActiveOperation(state: OperationState): boolean {
  return ACTIVE.includes(state);
}

export const operationKeys = {
  all: ['operations'] as const,
  device: (devId: string) => [...operationKeys.all, 'device', devId] as const,
};

/** The device's firmware updates and software installs, newest first. */
export const deviceOperationsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: operationKeys.device(devId),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceOperations(devId), operationListSchema, { query: { limit: 20 }, signal }),
  });
