import { describe, expect, it } from 'vitest';
import type { PageTemplateRow } from '../ports';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function template(id: string, overrides: Partial<PageTemplateRow> = {}): PageTemplateRow {
  return {
    id,
    name: `Template ${id}`,
    spec: { kind: 'consent', title: 'Update now?', text: 'A new firmware is ready.' },
    createdAt: at(0),
    ...overrides,
  };
}

export function describePageTemplateRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: PageTemplateRepository`, () => {
    const store = useFreshStore(open);

    it('creates and finds a template with its whole spec', async () => {
      const form = template('t1', {
        name: 'Site survey',
        createdAt: at(5),
        spec: {
          kind: 'form',
          title: 'Where is this router?',
          text: 'Tell us about the site.',
          schema: {
            type: 'object',
            properties: {
              floor: { type: 'integer', title: 'Floor', minimum: 0, maximum: 120 },
              room: { type: 'string', minLength: 1, maxLength: 40 },
              indoor: { type: 'boolean' },
              band: { type: 'string', enum: ['2.4 GHz', '5 GHz'] },
            },
            required: ['floor', 'room'],
          },
        },
      });
      await store().pageTemplates.create(form);
      await store().pageTemplates.create(
        template('t2', {
          spec: { kind: 'postpone', title: 'Reboot?', text: 'Soon.', postponeOptionsS: [600] },
        }),
      );
      expect(await store().pageTemplates.find('t1')).toEqual(form);
      expect((await store().pageTemplates.find('t2'))?.spec).toEqual({
        kind: 'postpone',
        title: 'Reboot?',
        text: 'Soon.',
        postponeOptionsS: [600],
      });
      expect(await store().pageTemplates.find('nope')).toBeUndefined();
    });

    it('lists templates by name, then id', async () => {
      const { pageTemplates } = store();
      await pageTemplates.create(template('b', { name: 'Zulu' }));
      await pageTemplates.create(template('c', { name: 'Alpha' }));
      await pageTemplates.create(template('a', { name: 'Zulu' }));
      expect((await pageTemplates.list()).map((t) => t.id)).toEqual(['c', 'a', 'b']);
    });

    it('remove returns true once, then false', async () => {
      const { pageTemplates } = store();
      await pageTemplates.create(template('t1'));
      expect(await pageTemplates.remove('t1')).toBe(true);
      expect(await pageTemplates.find('t1')).toBeUndefined();
      expect(await pageTemplates.remove('t1')).toBe(false);
      expect(await pageTemplates.list()).toEqual([]);
    });

    it('refuses a second template with the same id', async () => {
      await store().pageTemplates.create(template('t1'));
      await expect(store().pageTemplates.create(template('t1', { name: 'Other' }))).rejects.toThrow();
      expect((await store().pageTemplates.find('t1'))?.name).toBe('Template t1');
    });
  });
}
