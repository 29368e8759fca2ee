// Saved views of the device list (protocol §8): named fleet queries with their sort and columns,
// shared by the team. Anyone who reads the fleet may save one; its creator or an admin may change
// or remove it. A campaign may target a view (protocol §11): `queryOf` gives the query it copies.
import { randomUUID } from 'node:crypto';
import {
  MAX_SAVED_VIEWS,
  type CreateViewInput,
  type SavedView,
  type SavedViewList,
  type UpdateViewInput,
  type User,
} from '@dmc/shared/api';
import type { SavedViewRow, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { deviceFilterOf } from '../devices/device-query';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';

export interface SavedViewService {
  list(): Promise<SavedViewList>;
  create(input: CreateViewInput, user: User): Promise<SavedView>;
  update(id: string, input: UpdateViewInput, user: User): Promise<SavedView>;
  remove(id: string, user: User): Promise<void>;
  /** The view a campaign targets; NotFoundError when there is none. */
  find(id: string): Promise<SavedView>;
}

export function toSavedView(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    sort: row.sort,
    order: row.order,
    columns: row.columns,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const nameTaken = (name: string) =>
  new ConflictError(`A view named "${name}" exists already (names are compared ignoring case).`, {
    reason: 'name-taken',
  });

export function createSavedViewService(store: Store, deps: { clock: Clock }): SavedViewService {
  async function find(id: string): Promise<SavedViewRow> {
    const row = await store.savedViews.find(id);
    if (!row) throw new NotFoundError(`No saved view "${id}".`);
    return row;
  }

  /** Its creator or an admin may change a view; anyone else gets 403. */
  function checkOwner(row: SavedViewRow, user: User): void {
    if (row.createdBy !== user.username && user.role !== 'admin')
      throw new ForbiddenError(`Only ${row.createdBy}, who saved the view, or an admin may change it.`);
  }

  return {
    async list() {
      return { items: (await store.savedViews.list(MAX_SAVED_VIEWS)).map(toSavedView) };
    },

    async create(input, user) {
      // The same parser as the device list: a 400 names the offset of the error.
      deviceFilterOf(input.query, deps.clock.now());
      const now = deps.clock.now();
      const row: SavedViewRow = {
        id: randomUUID(),
        name: input.name,
        query: input.query,
        sort: input.sort ?? null,
        order: input.order ?? null,
        columns: input.columns ?? null,
        createdBy: user.username,
        createdAt: now,
        updatedAt: now,
      };
      // One transaction: on SQLite (one writer) the count and the insert cannot interleave.
      await store.transaction(async (repos) => {
        if ((await repos.savedViews.count()) >= MAX_SAVED_VIEWS)
          throw new ConflictError(
            `The server keeps at most ${MAX_SAVED_VIEWS} saved views; remove one first.`,
            { reason: 'too-many-views', limit: MAX_SAVED_VIEWS },
          );
        if (!(await repos.savedViews.create(row))) throw nameTaken(input.name);
      });
      return toSavedView(row);
    },

    async update(id, input, user) {
      const row = await find(id);
      checkOwner(row, user);
      if (input.query !== undefined) deviceFilterOf(input.query, deps.clock.now());
      const next: SavedViewRow = {
        ...row,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.query === undefined ? {} : { query: input.query }),
        ...(input.sort === undefined ? {} : { sort: input.sort }),
        ...(input.order === undefined ? {} : { order: input.order }),
        ...(input.columns === undefined ? {} : { columns: input.columns }),
        updatedAt: deps.clock.now(),
      };
      if (!(await store.savedViews.update(next))) {
        if (!(await store.savedViews.find(id))) throw new NotFoundError(`No saved view "${id}".`);
        throw nameTaken(next.name);
      }
      return toSavedView(next);
    },

    async remove(id, user) {
      checkOwner(await find(id), user);
      if (!(await store.savedViews.remove(id))) throw new NotFoundError(`No saved view "${id}".`);
    },

    async find(id) {
      return toSavedView(await find(id));
    },
  };
}
