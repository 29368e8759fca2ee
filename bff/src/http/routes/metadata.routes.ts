// Meta-data documents of MOs (profile §5): import a DM 1.x DDF (XML) or a JSON document, list, read
// and remove them. The API router has already parsed JSON bodies; XML is read here as text.
import express, { Router } from 'express';
import { API_BASE, apiRoutes, importMetadataQuerySchema } from '@dmc/shared/api';
import type { MetadataImport, MetadataService } from '../../domain/metadata/metadata.service';
import { allow } from '../authn';
import { mediaTypeOf } from '../dm/media';
import { param } from '../params';
import { sendProblem } from '../problem';
import { parseInput } from '../validate';

const XML_TYPES = ['application/xml', 'text/xml'];
const BODY_LIMIT = '1mb';

export function metadataRoutes(metadata: MetadataService): Router {
  const router = Router();

  router.post(
    apiRoutes.metadata,
    allow('devices:write'),
    express.text({ type: XML_TYPES, limit: BODY_LIMIT }),
    async (req, res) => {
      const type = mediaTypeOf(req.headers['content-type']);
      const body: unknown = req.body;
      let input: MetadataImport;
      if (type !== undefined && XML_TYPES.includes(type) && typeof body === 'string') {
        const { moid } = parseInput(importMetadataQuerySchema, req.query, 'query');
        input = { kind: 'ddf', xml: body, ...(moid === undefined ? {} : { moid }) };
      } else if (type === 'application/json') {
        input = { kind: 'json', document: body };
      } else {
        sendProblem(
          res,
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Send a DDF as application/xml or text/xml, or a meta-data document as application/json.',
        );
        return;
      }
      const stored = await metadata.import(input);
      res.status(201).location(apiRoutes.metadataDocument(stored.MOID)).json(stored);
    },
  );

  router.get(apiRoutes.metadata, allow('fleet:read'), async (_req, res) => {
    res.json(await metadata.list());
  });

  router.get(`${API_BASE}/metadata/:moid`, allow('fleet:read'), async (req, res) => {
    res.json(await metadata.get(param(req, 'moid')));
  });

  router.delete(`${API_BASE}/metadata/:moid`, allow('devices:write'), async (req, res) => {
    await metadata.remove(param(req, 'moid'));
    res.status(204).end();
  });

  return router;
}
