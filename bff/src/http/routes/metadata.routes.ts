// Meta-data documents of MOs (protocol §5): import a DM 1.x DDF (XML) or a JSON document, list, read
// and remove them. The API router has already parsed JSON bodies; XML is read here as text.
import express from 'express';
import { API_BASE, apiRoutes, importMetadataQuerySchema } from '@dmc/shared/api';
import type { MetadataImport } from '../../domain/metadata/metadata.service';
import { mediaTypeOf } from '../dm/media';
import { SENT, defineOperation, type ApiOperation } from '../operation';
import { sendProblem } from '../problem';
import { parseInput } from '../validate';

const XML_TYPES = ['application/xml', 'text/xml'];
const BODY_LIMIT = '1mb';

const document = `${API_BASE}/metadata/:moid` as const;

export const metadataOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: apiRoutes.metadata,
    operationId: 'importMetadata',
    summary: 'Import the meta-data of an MO: a DM 1.x DDF (XML) or a JSON document',
    tag: 'metadata',
    access: { kind: 'action', action: 'devices:write' },
    body: {
      xml: 'A DM 1.x DDF (MgmtTree); `moid` names the MO when its root does not.',
      xmlQuery: importMetadataQuerySchema,
      json: 'MoMetadataInput',
    },
    success: {
      status: 201,
      description: 'Stored; replaces an imported document of the MOID.',
      schema: 'MoMetadata',
      location: (stored) => apiRoutes.metadataDocument(stored.MOID),
    },
    errors: [400, 409, 413, 415],
    before: [express.text({ type: XML_TYPES, limit: BODY_LIMIT })],
    async handle({ req, res }, { metadata }) {
      const type = mediaTypeOf(req.headers['content-type']);
      const body: unknown = req.body;
      let input: MetadataImport;
      if (type !== undefined && XML_TYPES.includes(type) && typeof body === 'string') {
        const { moid } = parseInput(importMetadataQuerySchema, req.query, 'query');
        input = { kind: 'ddf', xml: body, ...(moid === undefined ? {} : { moid }) };
      } else if (type === 'application/json') {
        // The service checks the document itself, naming the first problem it finds.
        input = { kind: 'json', document: body };
      } else {
        sendProblem(
          res,
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Send a DDF as application/xml or text/xml, or a meta-data document as application/json.',
        );
        return SENT;
      }
      return metadata.import(input);
    },
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.metadata,
    operationId: 'listMetadata',
    summary: 'The standard and imported meta-data documents',
    tag: 'metadata',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'One entry per MOID.', schema: 'MetadataList' },
    errors: [],
    handle: (_input, { metadata }) => metadata.list(),
  }),
  defineOperation({
    method: 'get',
    path: document,
    operationId: 'getMetadata',
    summary: 'The meta-data document of an MO (an imported one before a standard one)',
    tag: 'metadata',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The document.', schema: 'MoMetadata' },
    errors: [404],
    handle: ({ params }, { metadata }) => metadata.get(params.moid),
  }),
  defineOperation({
    method: 'delete',
    path: document,
    operationId: 'deleteMetadata',
    summary: 'Remove an imported meta-data document (standard ones stay)',
    tag: 'metadata',
    access: { kind: 'action', action: 'devices:write' },
    success: { status: 204, description: 'Removed.' },
    errors: [404, 409],
    handle: ({ params }, { metadata }) => metadata.remove(params.moid),
  }),
];
