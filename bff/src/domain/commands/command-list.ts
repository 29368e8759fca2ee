// The fleet-wide command list (GET /api/v1/commands, protocol §8): every device's commands newest
// first, filtered, with a keyset cursor on the global queue order (seq).
import { z } from 'zod';
import type { CommandPage, ListFleetCommandsQuery } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { toCommandRecord } from './command-view';

const cursorSchema = z.object({ s: z.number().int().positive() });

export async function listFleetCommands(store: Store, query: ListFleetCommandsQuery): Promise<CommandPage> {
  // Like the device's own list: naming a device that is not registered is a 404, not an empty page.
  if (query.devId !== undefined && !(await store.devices.find(query.devId))) {
    throw new NotFoundError(`No device "${query.devId}" is registered.`);
  }
  if (query.campaignId !== undefined && !(await store.campaigns.find(query.campaignId))) {
    throw new NotFoundError(`No campaign "${query.campaignId}".`);
  }
  const rows = await store.commands.list({
    limit: query.limit + 1,
    ...(query.state ? { state: query.state } : {}),
    ...(query.devId ? { devId: query.devId } : {}),
    ...(query.createdBy ? { createdBy: query.createdBy } : {}),
    ...(query.command ? { commandName: query.command } : {}),
    ...(query.since ? { since: new Date(query.since) } : {}),
    ...(query.until ? { until: new Date(query.until) } : {}),
    ...(query.campaignId ? { campaignId: query.campaignId } : {}),
    ...(query.cursor ? { beforeSeq: decodeCursor(query.cursor, cursorSchema).s } : {}),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toCommandRecord),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ s: last.seq }) : null,
  };
}
