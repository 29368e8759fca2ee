// The audit log (profile §10): list with filters and paging, verify the chain, export as CSV.
// Admin only; reading it is not itself audited (GETs never are).
import { apiRoutes, auditFilterQuerySchema, listAuditQuerySchema } from '@dmc/shared/api';
import { streamAuditCsv } from '../audit-csv-stream';
import { SENT, defineOperation, type ApiOperation } from '../operation';

export const auditOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: apiRoutes.auditVerify,
    operationId: 'verifyAudit',
    summary: 'Walk the whole audit chain and report the first entry that does not match',
    tag: 'audit',
    access: { kind: 'action', action: 'audit:read' },
    success: { status: 200, description: 'The result of the walk.', schema: 'AuditVerifyResult' },
    errors: [],
    handle: (_input, { audit }) => audit.verify(),
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.auditExport,
    operationId: 'exportAudit',
    summary: 'Every audit entry matching the filters as CSV (text/csv, streamed), newest first',
    tag: 'audit',
    access: { kind: 'action', action: 'audit:read' },
    query: auditFilterQuerySchema,
    success: { status: 200, description: 'A text/csv file: a header line, then one line per entry.' },
    errors: [400],
    async handle({ query, res }, { audit }) {
      await streamAuditCsv(res, audit.exportPages(query));
      return SENT;
    },
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.audit,
    operationId: 'listAudit',
    summary: 'One page of the audit log, newest first, with filters',
    tag: 'audit',
    access: { kind: 'action', action: 'audit:read' },
    query: listAuditQuerySchema,
    success: { status: 200, description: 'One page of entries.', schema: 'AuditPage' },
    errors: [400],
    handle: ({ query }, { audit }) => audit.list(query),
  }),
];
