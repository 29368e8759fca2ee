import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiRoutes, auditPageSchema, auditVerifyResultSchema } from '@dmc/shared/api';
import { apiRequest, withQuery } from '../api-client';

/** The filters of the audit screen; times are ISO instants. Empty fields filter nothing. */
export type AuditFilters = {
  actor?: string;
  action?: string;
  target?: string;
  since?: string;
  until?: string;
};

/** Entries per page of the audit screen. */
export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  pages: () => [...auditKeys.all, 'page'] as const,
  page: (filters: AuditFilters, cursor: string | undefined) =>
    [...auditKeys.pages(), filters, cursor ?? null] as const,
  verify: () => [...auditKeys.all, 'verify'] as const,
};

/** One page of the audit log, newest first; `cursor` comes from the page before. */
export const auditPageQueryOptions = (filters: AuditFilters, cursor: string | undefined) =>
  queryOptions({
    queryKey: auditKeys.page(filters, cursor),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.audit, auditPageSchema, {
        query: { ...filters, limit: AUDIT_PAGE_SIZE, cursor },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

/** Walks the whole chain on the server: run on demand (the "Verify chain" button), never cached. */
export const auditVerifyQueryOptions = () =>
  queryOptions({
    queryKey: auditKeys.verify(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.auditVerify, auditVerifyResultSchema, { signal }),
    enabled: false,
    gcTime: 0,
  });

/** The CSV export of the entries matching `filters` (a download; the session cookie signs it). */
export function auditExportUrl(filters: AuditFilters): string {
  return withQuery(apiRoutes.auditExport, filters);
}
