// A saved view as a campaign's target (protocol §11): its query is copied when the campaign is made
// or previewed, so later edits of the view never change a campaign, and its name is kept to show.
import type { Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';

type Targeted = { query?: string | undefined; viewId?: string | undefined };

/** `input` with `viewId` replaced by the view's query and name; unchanged without one; 404 for none. */
export async function resolveViewTarget<T extends Targeted>(
  store: Pick<Store, 'savedViews'>,
  input: T,
): Promise<Omit<T, 'viewId'> & { viewName?: string }> {
  const { viewId, ...rest } = input;
  if (viewId === undefined) return rest;
  const view = await store.savedViews.find(viewId);
  if (!view) throw new NotFoundError(`No saved view "${viewId}".`);
  return { ...rest, query: view.query, viewName: view.name };
}
