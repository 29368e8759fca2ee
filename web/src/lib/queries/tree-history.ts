import { queryOptions } from '@tanstack/react-query';
import {
  apiRoutes,
  deviceTreeSchema,
  nodeHistorySchema,
  treeChangePointsSchema,
  treeDiffSchema,
} from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/** A device's tree history (protocol §13): read on demand, never patched live. */
export const treeHistoryKeys = {
  all: ['tree-history'] as const,
  device: (devId: string) => [...treeHistoryKeys.all, devId] as const,
  asOf: (devId: string, at: string) => [...treeHistoryKeys.device(devId), 'as-of', at] as const,
  points: (devId: string) => [...treeHistoryKeys.device(devId), 'points'] as const,
  node: (devId: string, uri: string) => [...treeHistoryKeys.device(devId), 'node', uri] as const,
  diff: (devId: string, params: TreeDiffParams) =>
    [...treeHistoryKeys.device(devId), 'diff', params] as const,
};

/** Two times (`from`, `to`), or another device (`against`). */
export type TreeDiffParams = { from: string; to?: string } | { against: string };

/** The device's tree as it was at `at` (an ISO time). */
export const treeAsOfQueryOptions = (devId: string, at: string) =>
  queryOptions({
    queryKey: treeHistoryKeys.asOf(devId, at),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceTree(devId), deviceTreeSchema, { query: { at }, signal }),
    staleTime: 60_000,
  });

/** The times the device's tree changed, newest first (the history slider). */
export const treeChangePointsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: treeHistoryKeys.points(devId),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceTreeChanges(devId), treeChangePointsSchema, {
        query: { limit: 500 },
        signal,
      }),
  });

/** One node's values over time, newest first. */
export const nodeHistoryQueryOptions = (devId: string, uri: string) =>
  queryOptions({
    queryKey: treeHistoryKeys.node(devId, uri),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceTreeHistory(devId), nodeHistorySchema, {
        query: { path: uri, limit: 50 },
        signal,
      }),
  });

/** Changed nodes between two times or against another device (the first page, up to 2,000). */
export const treeDiffQueryOptions = (devId: string, params: TreeDiffParams) =>
  queryOptions({
    queryKey: treeHistoryKeys.diff(devId, params),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceTreeDiff(devId), treeDiffSchema, {
        query: { ...params, limit: 2_000 },
        signal,
      }),
  });
