import type { Kysely } from 'kysely';
import { z } from 'zod';
import { INBOX_KINDS } from '../ports';
import type { ClosedInboxQuery, InboxRepository, InboxRow } from '../ports';
import { epochMsColumn, intColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const inboxRecordSchema = z.object({
  token: z.string(),
  dev_id: z.string(),
  command_id: z.string().nullable(),
  kind: z.enum(INBOX_KINDS),
  client_uri: z.string().nullable(),
  created_at: epochMsColumn,
  expires_at: nullableEpochMsColumn,
  uploads: intColumn,
  last_upload_at: nullableEpochMsColumn,
});

function toInboxRow(raw: unknown): InboxRow {
  const row = parseRow('dr_inboxes', inboxRecordSchema, raw);
  return {
    token: row.token,
    devId: row.dev_id,
    commandId: row.command_id,
    kind: row.kind,
    clientUri: row.client_uri,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    uploads: row.uploads,
    lastUploadAt: row.last_upload_at,
  };
}

export class KyselyInboxRepository implements InboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: InboxRow): Promise<void> {
    await this.db
      .insertInto('dr_inboxes')
      .values({
        token: row.token,
        dev_id: row.devId,
        command_id: row.commandId,
        kind: row.kind,
        client_uri: row.clientUri,
        created_at: row.createdAt.getTime(),
        expires_at: row.expiresAt?.getTime() ?? null,
        uploads: row.uploads,
        last_upload_at: row.lastUploadAt?.getTime() ?? null,
      })
      .execute();
  }

  async find(token: string): Promise<InboxRow | undefined> {
    const row = await this.db
      .selectFrom('dr_inboxes')
      .selectAll()
      .where('token', '=', token)
      .executeTakeFirst();
    return row === undefined ? undefined : toInboxRow(row);
  }

  async recordUpload(token: string, at: Date): Promise<void> {
    // Incremented in SQL so concurrent uploads on several instances all count.
    await this.db
      .updateTable('dr_inboxes')
      .set((eb) => ({ uploads: eb('uploads', '+', 1), last_upload_at: at.getTime() }))
      .where('token', '=', token)
      .execute();
  }

  async listByDevice(devId: string): Promise<InboxRow[]> {
    const rows = await this.db
      .selectFrom('dr_inboxes')
      .selectAll()
      .where('dev_id', '=', devId)
      .orderBy('created_at', 'asc')
      .orderBy('token', 'asc')
      .execute();
    return rows.map(toInboxRow);
  }

  async removeClosed(query: ClosedInboxQuery): Promise<number> {
    const idle = query.subIdleBefore.getTime();
    const result = await this.db
      .deleteFrom('dr_inboxes')
      .where((eb) => {
        const liveCommand = (states: readonly string[], extra?: 'recent') =>
          eb.exists(
            eb
              .selectFrom('commands')
              .select('commands.id')
              .whereRef('commands.id', '=', 'dr_inboxes.command_id')
              .where('commands.state', 'in', [...states])
              .$if(extra === 'recent', (qb) => qb.where('commands.updated_at', '>', idle)),
          );
        return eb.or([
          eb('expires_at', '<=', query.now.getTime()),
          eb('command_id', 'is', null),
          eb.and([eb('kind', '<>', 'SUB'), eb.not(liveCommand(query.uploadStates))]),
          eb.and([eb('kind', '=', 'SUB'), eb.not(liveCommand(query.subscribedStates))]),
          eb.and([
            eb('kind', '=', 'SUB'),
            eb('created_at', '<=', idle),
            eb.or([eb('last_upload_at', 'is', null), eb('last_upload_at', '<=', idle)]),
            eb.not(liveCommand(query.subscribedStates, 'recent')),
          ]),
        ]);
      })
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async remove(token: string): Promise<boolean> {
    const result = await this.db.deleteFrom('dr_inboxes').where('token', '=', token).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
