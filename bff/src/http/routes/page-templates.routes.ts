// Stored page templates for SHOW (profile §8, "User interaction").
import { Router } from 'express';
import { API_BASE, createPageTemplateInputSchema } from '@dmc/shared/api';
import type { PageTemplateService } from '../../domain/page-templates/page-template.service';
import { allow } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

export function pageRoutes(templates: PageTemplateService): Router {
  const router = Router();

  router.post(`${API_BASE}/pages`, allow('commands:write'), async (req, res) => {
    const input = parseInput(createPageTemplateInputSchema, req.body, 'page template');
    res.status(201).json(await templates.create(input));
  });

  router.get(`${API_BASE}/pages`, allow('commands:read'), async (_req, res) => {
    res.json(await templates.list());
  });

  router.delete(`${API_BASE}/pages/:templateId`, allow('commands:write'), async (req, res) => {
    await templates.remove(param(req, 'templateId'));
    res.status(204).end();
  });

  return router;
}
