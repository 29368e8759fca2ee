// Page templates (protocol §8): named device pages an operator stores and reuses for SHOW by id.
import { z } from 'zod';
import { checkPageSpec, pageSpecShape } from './device-pages.schema';

/** POST /api/v1/pages body: a named, reusable page. */
export const createPageTemplateInputSchema = z
  .object({ name: z.string().trim().min(1).max(80), ...pageSpecShape })
  .superRefine(checkPageSpec);
export type CreatePageTemplateInput = z.infer<typeof createPageTemplateInputSchema>;

/** A stored page template as the API shows it. */
export const pageTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  ...pageSpecShape,
  createdAt: z.iso.datetime(),
});
export type PageTemplate = z.infer<typeof pageTemplateSchema>;

export const pageTemplateListSchema = z.object({ items: z.array(pageTemplateSchema) });
export type PageTemplateList = z.infer<typeof pageTemplateListSchema>;
