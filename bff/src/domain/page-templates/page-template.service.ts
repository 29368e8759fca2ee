// Stored page templates (protocol §8): named pages an operator reuses for SHOW by id.
import { randomUUID } from 'node:crypto';
import type { CreatePageTemplateInput, PageSpec, PageTemplate, PageTemplateList } from '@dmc/shared/api';
import type { PageTemplateRow, Repositories, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { NotFoundError } from '../errors';

export interface PageTemplateService {
  create(input: CreatePageTemplateInput): Promise<PageTemplate>;
  list(): Promise<PageTemplateList>;
  remove(id: string): Promise<void>;
  /** The spec of a stored template; NotFoundError when there is none. `repos`: the caller's transaction. */
  spec(id: string, repos?: Repositories): Promise<PageSpec>;
}

function toPageTemplate(row: PageTemplateRow): PageTemplate {
  return { id: row.id, name: row.name, ...row.spec, createdAt: row.createdAt.toISOString() };
}

export function createPageTemplateService(store: Store, deps: { clock: Clock }): PageTemplateService {
  return {
    async create({ name, ...spec }) {
      const row: PageTemplateRow = { id: randomUUID(), name, spec, createdAt: deps.clock.now() };
      await store.pageTemplates.create(row);
      return toPageTemplate(row);
    },

    async list() {
      return { items: (await store.pageTemplates.list()).map(toPageTemplate) };
    },

    async remove(id) {
      if (!(await store.pageTemplates.remove(id))) throw new NotFoundError(`No page template "${id}".`);
    },

    async spec(id, repos = store) {
      const row = await repos.pageTemplates.find(id);
      if (!row) throw new NotFoundError(`No page template "${id}".`);
      return row.spec;
    },
  };
}
